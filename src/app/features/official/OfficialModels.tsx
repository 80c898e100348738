// The official ImageNet-1k models in the model picker: an option group for the select, and one line under it that
// says where they come from (through this page's server, or, on a static host, by `vheat fetch` and a drop).
import { useEffect } from 'react';
import { OFFICIAL_CHECKPOINTS } from '../../../engine/weights/officialCheckpoints';
import { useApp } from '../../store';
import { cachedOfficial, officialId, officialTitle, probeOfficialRoute, useOfficial } from './officialModels';

export { officialOfId, loadOfficial } from './officialModels';

/** The options (inside the model select). On a static host they are listed but cannot be chosen. */
export function OfficialOptions() {
  const route = useOfficial((s) => s.route);
  useApp((s) => s.cachedModels); // re-labels an entry once it is in the browser cache
  return (
    <optgroup label="ImageNet-1k, official (vHeat authors)">
      {OFFICIAL_CHECKPOINTS.map((c) => (
        <option key={c.name} value={officialId(c)} disabled={route !== 'server' && !cachedOfficial(c)}>
          {officialTitle(c)}
          {cachedOfficial(c) ? ' · in this browser' : route === 'server' ? ' download' : ' · see below'}
        </option>
      ))}
    </optgroup>
  );
}

/** Where the official models come from, probed once when the picker first shows. */
export function OfficialNote() {
  const route = useOfficial((s) => s.route);
  useEffect(() => {
    if (useOfficial.getState().route === 'probing') void probeOfficialRoute();
  }, []);
  if (route === 'probing') return null;
  if (route === 'server') {
    return (
      <details className="note" data-testid="official-note">
        <summary>ImageNet</summary>
        vHeat-T / S / B (ImageNet-1k, official): downloaded once by this page's server, then kept in this browser.
      </details>
    );
  }
  return (
    <p className="note" data-testid="official-note">
      vHeat-T / S / B (ImageNet-1k, official): this page's host cannot download them. Run <code style={{ whiteSpace: 'nowrap' }}>npx vheat fetch tiny</code> (or{' '}
      <code>small</code>, <code>base</code>) in a clone of Heat Lab and drop the <code>.safetensors</code> file it names here, or drop the
      official <code>vHeat_tiny.pth</code> from the authors' release page.
    </p>
  );
}
