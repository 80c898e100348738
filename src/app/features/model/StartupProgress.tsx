// From the first paint of a cold start until the first result: which step is running, out of how many, with its
// own progress (starting the engine, loading the model, the sample image, the first inference).
import { formatPercent, useT } from '../../i18n/i18n';
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { predictionQuery } from '../prediction/predictionQuery';

const STEPS = 4;

export function StartupProgress() {
  const t = useT('model');
  const backend = useApp((s) => s.backend);
  const backendError = useApp((s) => s.backendError);
  const modelBusy = useApp((s) => s.modelBusy);
  const model = useApp((s) => s.model);
  const image = useApp((s) => s.image);
  const prediction = useQuery(predictionQuery).data;
  const modelError = useApp((s) => s.modelError);
  if (prediction || backendError || (modelError && !model)) return null;
  let step: number;
  let label: string;
  let fraction: number | null = null;
  if (!backend) [step, label] = [1, t('startup.engine')];
  else if (!model) [step, label, fraction] = [2, t('startup.model', { what: modelBusy?.label ?? t('startup.waiting') }), modelBusy?.fraction ?? null];
  else if (!image) [step, label] = [3, t('startup.image')];
  else [step, label] = [4, t('startup.inference')];
  return (
    <div className="startup" role="status" data-testid="startup-progress" data-step={step}>
      <progress max={STEPS} value={step - 1 + (fraction ?? 0)} aria-label={t('startup.aria')} />
      <span>
        {t('startup.step', { step, steps: STEPS, label })}
        {fraction !== null ? ` ${formatPercent(fraction, 0)}` : '…'}
      </span>
    </div>
  );
}
