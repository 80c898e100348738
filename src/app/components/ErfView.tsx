// Effective receptive field: click the image for the ERF of that output position at the chosen stage,
// with the high-contribution area ratios; or the paper's view, averaged over the sample images.
import { averageErf, setProbe } from '../actions';
import { stageSize } from '../../engine/config';
import { imageToStagePosition, stageToImagePosition } from '../../engine/analysis/positions';
import { gridKeyTarget } from '../render/gridKeys';
import { MapCanvas } from '../render/MapCanvas';
import { useApp } from '../store';
import type { MapStack } from '../worker/protocol';
import { ErrorMessage } from './ErrorMessage';
import { ProgressBar } from './ProgressBar';
import { RgbaCanvas } from './RgbaCanvas';

function peakOf(map: MapStack): { row: number; col: number } {
  let best = 0;
  for (let i = 1; i < map.height * map.width; i++) if (map.data[i] > map.data[best]) best = i;
  return { row: Math.floor(best / map.width), col: best % map.width };
}

export function ErfView() {
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const stage = useApp((s) => s.stage);
  const erf = useApp((s) => s.erf);
  const busy = useApp((s) => s.erfBusy);
  const error = useApp((s) => s.erfError);
  const probe = useApp((s) => s.probe);
  if (!model || !image) return null;
  const peak = erf ? peakOf(erf.map) : null;
  const s = image.inputSize;
  return (
    <section className="panel erf" aria-labelledby="erf-title">
      <h2 id="erf-title">Effective receptive field, stage {stage + 1}</h2>
      <p className="hint">Click the image: |∂(Σ_c Y[c,p]) / ∂X| over RGB for the output position p under the click, shown as log10(1 + g) / max.</p>
      <div className="erf-grid">
        <div className="overlay-stack" data-testid="erf-view" data-peak-row={peak?.row} data-peak-col={peak?.col} data-size={s}>
          <RgbaCanvas data={image.modelInput} size={s} label="Model input" className="pixelated base" />
          {erf && <MapCanvas map={erf.map} alpha="by-value" className="pixelated overlay" label="Effective receptive field" testId="erf-map" />}
          <button
            type="button"
            className="click-layer"
            data-testid="erf-click"
            aria-label="Pick the output position: click, or use the arrow keys (Enter picks the centre first)"
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') return; // the button's own activation: the centre
              // Arrows step one position of the stage map (stride image pixels), not one image pixel.
              const here = erf ? { row: erf.row, col: erf.col } : { row: Math.floor(s / 2), col: Math.floor(s / 2) };
              const from = imageToStagePosition(here, s, s, stage);
              const to = gridKeyTarget(e.key, e.shiftKey, from, stageSize(s, stage), stageSize(s, stage));
              if (!to) return;
              e.preventDefault();
              const px = stageToImagePosition(to, s, s, stage);
              setProbe(px.row, px.col);
            }}
            onClick={(e) => {
              const r = e.currentTarget.getBoundingClientRect();
              if (e.detail === 0) {
                setProbe(Math.floor(s / 2), Math.floor(s / 2)); // keyboard activation
                return;
              }
              setProbe(Math.floor(((e.clientY - r.top) / r.height) * s), Math.floor(((e.clientX - r.left) / r.width) * s));
            }}
          />
          {erf && (
            <span className="probe-marker" style={{ left: `${((erf.col + 0.5) / s) * 100}%`, top: `${((erf.row + 0.5) / s) * 100}%` }} aria-hidden="true" />
          )}
        </div>
        <div>
          <ProgressBar busy={busy} testId="erf-progress" />
          <ErrorMessage message={error} />
          {erf ? (
            <div aria-live="polite">
              <table className="ratios" data-testid="erf-ratios">
                <caption>
                  High-contribution area ratio ({erf.images > 1 ? `centre, mean of ${erf.images} images` : `position (${erf.row}, ${erf.col})`})
                </caption>
                <tbody>
                  {erf.ratios.map((r) => (
                    <tr key={r.threshold} data-testid={`erf-ratio-${Math.round(r.threshold * 100)}`} data-ratio={r.areaRatio}>
                      <th scope="row">{Math.round(r.threshold * 100)}%</th>
                      <td>{(r.areaRatio * 100).toFixed(2)}% of the image</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="meta">{erf.milliseconds.toFixed(0)} ms (gradients on the active backend)</p>
            </div>
          ) : (
            <p className="meta">{probe ? 'Computing…' : 'No position chosen yet.'}</p>
          )}
          <button type="button" onClick={() => void averageErf()} disabled={busy !== null} data-testid="erf-average">
            ERF averaged over the sample images (as in the paper)
          </button>
        </div>
      </div>
    </section>
  );
}
