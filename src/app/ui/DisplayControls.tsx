// How every map is drawn: nearest (each cell a sharp square, the default: cells are the model's real
// resolution) or smooth, and how opaque overlays on the image are.
import { setOverlayOpacity, setSmooth } from '../actions';
import { useT } from '../i18n/i18n';
import { useApp } from '../store';

export function DisplayControls() {
  const smooth = useApp((s) => s.smooth);
  const opacity = useApp((s) => s.overlayOpacity);
  const t = useT('common');
  return (
    <div className="row display-controls" role="group" aria-label={t('display.group')}>
      <label>
        <input type="checkbox" checked={smooth} onChange={(e) => setSmooth(e.currentTarget.checked)} data-testid="smooth-toggle" /> {t('display.smooth')}
      </label>
      <label>
        {t('display.opacity')}{' '}
        <input
          type="range" min={0} max={1} step={0.05} value={opacity} data-testid="overlay-opacity" aria-valuetext={`${Math.round(opacity * 100)} %`}
          onChange={(e) => setOverlayOpacity(Number(e.currentTarget.value))}
        />{' '}
        <output>{Math.round(opacity * 100)} %</output>
      </label>
    </div>
  );
}
