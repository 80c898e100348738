// Model picker: bundled models, converted files from the browser cache, dropped/picked checkpoints
// (converted in the worker with progress), and a card with family, config, parameters and provenance.
import { useRef } from 'react';
import { deleteCachedModel, devEntries, loadModel } from '../../actions';
import { stopModelLoad } from '../../engineRestart';
import { useApp } from '../../store';
import { RANDOM_MODELS } from '../../worker/randomModels';
import { cachedModelId, MODEL_FILE_ACCEPT, type ModelSource } from '../../worker/protocol';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { HiddenFilePicker } from '../../ui/HiddenFilePicker';
import { ProgressBar } from '../../ui/ProgressBar';
import { modelDomain } from '../prediction/modelDomain';
import { provenanceRows } from './provenanceText';
import { loadOfficial, officialOfId, OfficialNote, OfficialOptions } from '../official/OfficialModels';

/** Progress of a model load, and a way out of one that takes too long (the engine worker is stopped and restarted). */
function ModelProgress() {
  const busy = useApp((s) => s.modelBusy);
  if (!busy) return null;
  return (
    <div className="row model-progress">
      <ProgressBar busy={busy} testId="model-progress" />
      <button type="button" data-testid="model-stop" onClick={() => void stopModelLoad()} title="Stops the engine and starts it again with the last model and image">
        Stop
      </button>
    </div>
  );
}

export function ModelPicker() {
  const bundled = useApp((s) => s.bundledModels);
  const cached = useApp((s) => s.cachedModels);
  const model = useApp((s) => s.model);
  // Only whether a load is running: progress events re-render ModelProgress alone, not the card and provenance.
  const busy = useApp((s) => s.modelBusy !== null);
  const error = useApp((s) => s.modelError);
  const picker = useRef<HTMLInputElement>(null);

  const groups: { label: string; options: { id: string; title: string; source: ModelSource }[] }[] = [
    { label: 'Bundled with the page', options: bundled.map((entry) => ({ id: entry.id, title: entry.title, source: { kind: 'bundled', entry } as ModelSource })) },
    { label: 'Converted in this browser', options: cached.map((c) => ({ id: cachedModelId(c.id), title: `${c.title} (${(c.bytes / 2 ** 20).toFixed(1)} MB)`, source: { kind: 'cached', id: c.id } as ModelSource })) },
    { label: 'Developer: random weights', options: devEntries() ? RANDOM_MODELS.map((r) => ({ id: r.id, title: r.title, source: { kind: 'random', id: r.id } as ModelSource })) : [] },
  ];
  const options = groups.flatMap((g) => g.options);

  return (
    <section className="panel model-picker" aria-labelledby="model-title">
      <h2 id="model-title">Model</h2>
      <div className="row">
        <label>
          <span className="sr-only">Model</span>
          <select
            value={model?.id ?? ''}
            disabled={busy}
            data-testid="model-select"
            onChange={(e) => {
              const official = officialOfId(e.currentTarget.value);
              if (official) return void loadOfficial(official);
              const o = options.find((x) => x.id === e.currentTarget.value);
              if (o) void loadModel(o.source);
            }}
          >
            {!model && <option value="">{busy ? 'loading…' : '(none)'}</option>}
            {groups
              .filter((g) => g.options.length > 0)
              .map((g) => (
                <optgroup key={g.label} label={g.label}>
                  {g.options.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.title}
                    </option>
                  ))}
                </optgroup>
              ))}
            <OfficialOptions />
          </select>
        </label>
        <button type="button" onClick={() => picker.current?.click()} disabled={busy}>
          Open .pth / .safetensors…
        </button>
        <HiddenFilePicker ref={picker} accept={MODEL_FILE_ACCEPT} />
      </div>
      <OfficialNote />
      <ModelProgress />
      <ErrorMessage message={error} testId="model-error" />
      {model && (
        <details className="model-card" data-testid="model-card">
          <summary>
            {model.config.family === 'vheat' ? 'vHeat' : 'HcNet'} · {(model.parameters / 1e6).toFixed(model.parameters < 1e6 ? 3 : 1)} M params · {model.labels.length} classes
          </summary>
        <dl className="card">
          <dt>Family</dt>
          <dd>{model.config.family === 'vheat' ? 'vHeat (spectral heat conduction)' : 'HcNet (explicit finite-difference steps)'}</dd>
          <dt>Config</dt>
          <dd>
            dims {model.config.dims.join('/')}, depths {model.config.depths.join('/')}, {model.config.numClasses} classes
            {model.config.family === 'vheat' && model.config.postNorm ? ', post-norm' : ''}
            {model.config.family === 'vheat' && model.config.inferenceMode ? ', inference mode' : ''}
          </dd>
          <dt>Parameters</dt>
          <dd>{(model.parameters / 1e6).toFixed(model.parameters < 1e6 ? 3 : 1)} M</dd>
          <dt>Knows</dt>
          <dd data-testid="model-knows">
            {model.labels.length} classes{modelDomain(model) ? ` of ${modelDomain(model)!.name}` : ''}: {model.labels.slice(0, 10).join(', ')}
            {model.labels.length > 10 ? `, … (${model.labels.length - 10} more)` : ''}
          </dd>
          <dt>Input</dt>
          <dd>
            {model.preprocessing.inputSize}×{model.preprocessing.inputSize}
            {model.preprocessing.grayscale ? ', grayscale' : ''}
          </dd>
        </dl>
        </details>
      )}
      {model && Object.keys(model.provenance).length > 0 && (
        <details className="provenance">
          <summary>Provenance ({Object.keys(model.provenance).length} entries)</summary>
          <dl className="card">
            {provenanceRows(model.provenance).map((r) => (
              <div key={r.key} className="prov">
                <dt title={r.key}>{r.label}</dt>
                <dd className={r.key === 'command' || r.key.endsWith('sha256') ? 'mono' : undefined}>{r.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {cached.length > 0 && (
        <details>
          <summary>Converted models in this browser ({cached.length})</summary>
          <ul className="cached">
            {cached.map((c) => (
              <li key={c.id}>
                {c.title}{' '}
                <button
                  type="button"
                  aria-label={`Remove ${c.title} from the browser cache`}
                  onClick={() => void deleteCachedModel(c.id)}
                >
                  remove
                </button>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
