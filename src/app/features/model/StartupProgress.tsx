// From the first paint of a cold start until the first result: which step is running, out of how many, with its
// own progress (starting the engine, loading the model, the sample image, the first inference).
import { useQuery } from '../../query/useQuery';
import { useApp } from '../../store';
import { predictionQuery } from '../prediction/predictionQuery';

const STEPS = 4;

export function StartupProgress() {
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
  if (!backend) [step, label] = [1, 'starting the compute engine (WebGPU, or the CPU where there is none)'];
  else if (!model) [step, label, fraction] = [2, `loading the model: ${modelBusy?.label ?? 'waiting'}`, modelBusy?.fraction ?? null];
  else if (!image) [step, label] = [3, 'loading the sample image'];
  else [step, label] = [4, 'running the first inference'];
  const pct = fraction === null ? undefined : Math.round(fraction * 100);
  return (
    <div className="startup" role="status" data-testid="startup-progress" data-step={step}>
      <progress max={STEPS} value={step - 1 + (fraction ?? 0)} aria-label="Starting Heat Lab" />
      <span>
        Step {step} of {STEPS}: {label}
        {pct !== undefined ? ` ${pct}%` : '…'}
      </span>
    </div>
  );
}
