// Diffusivity scales: one global (log scale, 0 reachable), one per stage, and a reset.
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { resetDiffusivity, setGlobalDiffusivity, setStageDiffusivity } from '../../actions';
import { formatScale, scaleToSlider, ONE_AT, SLIDER_MAX, sliderToScale } from './diffusivityScale';
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { formatPercent, useT } from '../../i18n/i18n';
import { formatFixed } from '../heat/formatDigits';
import { heatFramesQuery, stabilityMarker } from '../heat/heatQueries';

/** A scale as the slider shows it: '0 (off)' at the far left, else the number. */
function scaleText(t: TFunction, value: number): string {
  return value === 0 ? t('off') : formatScale(value);
}

function LogSlider({ id, label, value, onChange, marker }: { id: string; label: string; value: number; onChange: (v: number) => void; marker?: number }) {
  const t = useT('diffusivity');
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
          aria-valuetext={`× ${scaleText(t, value)}`}
          onChange={(e) => onChange(sliderToScale(Number(e.currentTarget.value)))}
          data-testid={id}
        />
        {marker !== undefined && Number.isFinite(marker) && (
          <span className="marker" style={{ left: `${(scaleToSlider(marker) / SLIDER_MAX) * 100}%` }} title={t('marker', { bound: scaleText(t, marker) })} />
        )}
      </div>
      <output htmlFor={id}>× {scaleText(t, value)}</output>
    </div>
  );
}

export function DiffusivitySlider() {
  const t = useT('diffusivity');
  const d = useApp((s) => s.diffusivity);
  const model = useApp((s) => s.model);
  // The HcNet marker comes from the query that computes it (the heat frames), whichever panel shows them.
  const stability = stabilityMarker(useQuery(heatFramesQuery).data, d.global);
  const family = model?.config.family;
  // Per-stage sliders open on wide screens; on a phone they would push the heat view down a screen.
  const [wide] = useState(() => typeof window === 'undefined' || window.matchMedia('(min-width: 900px)').matches);
  return (
    <section className="panel diffusivity" aria-labelledby="diffusivity-title">
      <h2 id="diffusivity-title">{t('title')}</h2>
      <p className="hint">
        {family === 'hcnet' ? t('hintHcnet') : t('hint')}
      </p>
      <LogSlider id="global-diffusivity" label={t('global')} value={d.global} onChange={setGlobalDiffusivity} marker={stability?.criticalGlobal} />
      {family === 'hcnet' && stability && (
        <p className={stability.unstable ? 'warn' : 'hint'} data-testid="hcnet-stability">
          {stability.unstable
            ? t('unstable', { channels: stability.unstableChannels, alpha: formatFixed(stability.alphaMax, 3) })
            : t('stable', { bound: scaleText(t, stability.criticalGlobal) })}
        </p>
      )}
      <div className="row per-stage-row">
        <button type="button" onClick={resetDiffusivity} disabled={d.global === 1 && d.perStage.every((v) => v === 1)}>
          {t('reset')}
        </button>
        <details open={wide}>
          <summary>{t('perStage')}</summary>
          <p className="hint" aria-hidden="true">
            {t('logScale', { percent: formatPercent(ONE_AT / SLIDER_MAX, 0) })}
          </p>
          {d.perStage.map((v, i) => (
            <LogSlider key={i} id={`stage-diffusivity-${i}`} label={t('stage', { stage: i + 1 })} value={v} onChange={(x) => setStageDiffusivity(i, x)} />
          ))}
        </details>
      </div>
    </section>
  );
}
