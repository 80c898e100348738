// Diffusivity scales: one global (log scale, 0 reachable), one per stage, and a reset.
import { useState } from 'react';
import { resetDiffusivity, setGlobalDiffusivity, setStageDiffusivity } from '../../actions';
import { formatScale, scaleToSlider, ONE_AT, SLIDER_MAX, sliderToScale } from './diffusivityScale';
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { heatFramesQuery, stabilityMarker } from '../heat/heatQueries';

function LogSlider({ id, label, value, onChange, marker }: { id: string; label: string; value: number; onChange: (v: number) => void; marker?: number }) {
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <div className="track">
        <input
          id={id}
          type="range"
          min={0}
          max={SLIDER_MAX}
          step={1}
          value={scaleToSlider(value)}
          aria-valuetext={`× ${formatScale(value)}`}
          onChange={(e) => onChange(sliderToScale(Number(e.currentTarget.value)))}
          data-testid={id}
        />
        {marker !== undefined && Number.isFinite(marker) && (
          <span className="marker" style={{ left: `${(scaleToSlider(marker) / SLIDER_MAX) * 100}%` }} title={`explicit step unstable above × ${formatScale(marker)}`} />
        )}
      </div>
      <output htmlFor={id}>× {formatScale(value)}</output>
    </div>
  );
}

export function DiffusivitySlider() {
  const d = useApp((s) => s.diffusivity);
  const model = useApp((s) => s.model);
  // The HcNet marker comes from the query that computes it (the heat frames), whichever panel shows them.
  const stability = stabilityMarker(useQuery(heatFramesQuery).data, d.global);
  const family = model?.config.family;
  // Per-stage sliders open on wide screens; on a phone they would push the heat view down a screen.
  const [wide] = useState(() => typeof window === 'undefined' || window.matchMedia('(min-width: 900px)').matches);
  return (
    <section className="panel diffusivity" aria-labelledby="diffusivity-title">
      <h2 id="diffusivity-title">Diffusivity</h2>
      <p className="hint">
        {family === 'hcnet'
          ? 'Scales alpha, the diffusivity of each explicit step.'
          : '0 = no conduction, 1 = as trained.'}
      </p>
      <LogSlider id="global-diffusivity" label="Global" value={d.global} onChange={setGlobalDiffusivity} marker={stability?.criticalGlobal} />
      {family === 'hcnet' && stability && (
        <p className={stability.unstable ? 'warn' : 'hint'} data-testid="hcnet-stability">
          {stability.unstable
            ? `Unstable: ${stability.unstableChannels} channel(s) of this block exceed alpha ${stability.alphaMax.toFixed(3)}, where the explicit step starts to amplify.`
            : `Stable at this setting; this block's explicit step becomes unstable above global × ${formatScale(stability.criticalGlobal)}.`}
        </p>
      )}
      <div className="row per-stage-row">
        <button type="button" onClick={resetDiffusivity} disabled={d.global === 1 && d.perStage.every((v) => v === 1)}>
          Reset
        </button>
        <details open={wide}>
          <summary>Per stage</summary>
          <p className="hint" aria-hidden="true">
            Log scale from 0.01 to 10 (1 at {Math.round((ONE_AT / SLIDER_MAX) * 100)}% of the track); the far left is exactly 0.
          </p>
          {d.perStage.map((v, i) => (
            <LogSlider key={i} id={`stage-diffusivity-${i}`} label={`Stage ${i + 1}`} value={v} onChange={(x) => setStageDiffusivity(i, x)} />
          ))}
        </details>
      </div>
    </section>
  );
}
