// Model picker: bundled models, converted files from the browser cache, dropped/picked checkpoints
// (converted in the worker with progress), and a card with family, config, parameters and provenance.
import { useRef } from 'react';
import { deleteCachedModel, devEntries, loadModel } from '../../actions';
import { stopModelLoad } from '../../engineRestart';
import { useT } from '../../i18n/i18n';
import { useApp } from '../../store';
import { RANDOM_MODELS } from '../../worker/randomModels';
import { cachedModelId, MODEL_FILE_ACCEPT, type CachedModel, type ModelInfo, type ModelSource } from '../../worker/protocol';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { HiddenFilePicker } from '../../ui/HiddenFilePicker';
import { ProgressBar } from '../../ui/ProgressBar';
import { modelDomain } from '../prediction/modelDomain';
import { fixedDigits, provenanceRows } from './provenanceText';
import { loadOfficial, officialOfId, OfficialNote, OfficialOptions } from '../official/OfficialModels';

/** Progress of a model load, and a way out of one that takes too long (the engine worker is stopped and restarted). */
function ModelProgress() {
  const t = useT('model');
  const busy = useApp((s) => s.modelBusy);
  if (!busy) return null;
  return (
    <div className="row model-progress">
      <ProgressBar busy={busy} testId="model-progress" />
      <button type="button" data-testid="model-stop" onClick={() => void stopModelLoad()} title={t('stop.title')}>
        {t('stop.label')}
      </button>
    </div>
  );
}

export function ModelPicker() {
  const t = useT('model');
  const bundled = useApp((s) => s.bundledModels);
  const cached = useApp((s) => s.cachedModels);
  const model = useApp((s) => s.model);
  // Only whether a load is running: progress events re-render ModelProgress alone, not the card and provenance.
  const busy = useApp((s) => s.modelBusy !== null);
  const error = useApp((s) => s.modelError);
  const picker = useRef<HTMLInputElement>(null);

  const groups: { label: string; options: { id: string; title: string; source: ModelSource }[] }[] = [
    { label: t('group.bundled'), options: bundled.map((entry) => ({ id: entry.id, title: entry.title, source: { kind: 'bundled', entry } as ModelSource })) },
    { label: t('group.converted'), options: cached.map((c) => ({ id: cachedModelId(c.id), title: t('cachedOption', { title: c.title, size: fixedDigits(c.bytes / 2 ** 20, 1) }), source: { kind: 'cached', id: c.id } as ModelSource })) },
    { label: t('group.random'), options: devEntries() ? RANDOM_MODELS.map((r) => ({ id: r.id, title: r.title, source: { kind: 'random', id: r.id } as ModelSource })) : [] },
  ];
  const options = groups.flatMap((g) => g.options);

  return (
    <section className="panel model-picker" aria-labelledby="model-title">
      <h2 id="model-title">{t('title')}</h2>
      <div className="row">
        <label>
          <span className="sr-only">{t('title')}</span>
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
            {!model && <option value="">{busy ? t('loading') : t('none')}</option>}
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
          {t('open')}
        </button>
        <HiddenFilePicker ref={picker} accept={MODEL_FILE_ACCEPT} />
      </div>
      <OfficialNote />
      <ModelProgress />
      <ErrorMessage message={error} testId="model-error" />
      {model && <ModelCard model={model} />}
      {model && Object.keys(model.provenance).length > 0 && <Provenance provenance={model.provenance} />}
      {cached.length > 0 && <CachedModels cached={cached} />}
    </section>
  );
}

/** Millions of parameters as the card shows them (three decimals below a million). */
const millions = (parameters: number) => fixedDigits(parameters / 1e6, parameters < 1e6 ? 3 : 1);

/** The model's family, configuration, size, classes and input, behind a one-line summary. */
function ModelCard({ model }: { model: ModelInfo }) {
  const t = useT('model');
  const c = model.config;
  const domain = modelDomain(model);
  const knows = { classes: model.labels.length, domain: domain?.name, labels: model.labels.slice(0, 10).join(', ') };
  return (
    <details className="model-card" data-testid="model-card">
      <summary>{t('card.summary', { family: c.family === 'vheat' ? 'vHeat' : 'HcNet', params: millions(model.parameters), classes: model.labels.length })}</summary>
      <dl className="card">
        <dt>{t('card.family')}</dt>
        <dd>{c.family === 'vheat' ? t('family.vheat') : t('family.hcnet')}</dd>
        <dt>{t('card.config')}</dt>
        <dd>
          {t('config.line', { dims: c.dims.join('/'), depths: c.depths.join('/'), classes: c.numClasses })}
          {c.family === 'vheat' && c.postNorm ? t('config.postNorm') : ''}
          {c.family === 'vheat' && c.inferenceMode ? t('config.inferenceMode') : ''}
        </dd>
        <dt>{t('card.parameters')}</dt>
        <dd>{t('card.millions', { value: millions(model.parameters) })}</dd>
        <dt>{t('card.knows')}</dt>
        <dd data-testid="model-knows">
          {domain ? t('knows.ofDomain', knows) : t('knows.classes', knows)}
          {model.labels.length > 10 ? t('knows.more', { more: model.labels.length - 10 }) : ''}
        </dd>
        <dt>{t('card.input')}</dt>
        <dd>
          {model.preprocessing.inputSize}×{model.preprocessing.inputSize}
          {model.preprocessing.grayscale ? t('card.grayscale') : ''}
        </dd>
      </dl>
    </details>
  );
}

function Provenance({ provenance }: { provenance: Record<string, string> }) {
  const t = useT('model');
  return (
    <details className="provenance">
      <summary>{t('provenance.summary', { rows: Object.keys(provenance).length })}</summary>
      <dl className="card">
        {provenanceRows(provenance).map((r) => (
          <div key={r.key} className="prov">
            <dt title={r.key}>{r.label}</dt>
            <dd className={r.key === 'command' || r.key.endsWith('sha256') ? 'mono' : undefined}>{r.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function CachedModels({ cached }: { cached: CachedModel[] }) {
  const t = useT('model');
  return (
    <details>
      <summary>{t('cached.summary', { models: cached.length })}</summary>
      <ul className="cached">
        {cached.map((c) => (
          <li key={c.id}>
            {c.title}{' '}
            <button type="button" aria-label={t('cached.removeLabel', { title: c.title })} onClick={() => void deleteCachedModel(c.id)}>
              {t('cached.remove')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
