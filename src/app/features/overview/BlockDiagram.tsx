// One block's data flow, step by step, with the heat operator's steps highlighted. Steps with a picture of this
// block's tensor (a thumbnail canvas the caller provides) show it; the heat steps say what they do in a few words
// (the others in their tooltip).
import type { ReactNode } from 'react';
import type { FlowStep } from './networkLayout';

interface Props {
  title: string;
  steps: FlowStep[];
  /** Thumbnails by step key (e.g. the block's input, φ, u(t), output). */
  thumbnails?: Partial<Record<string, ReactNode>>;
  /** The step the other figures are about (e.g. 'decay'), drawn emphasised. */
  focus?: string;
}

export function BlockDiagram({ title, steps, thumbnails = {}, focus }: Props) {
  return (
    <ol className="flow" aria-label={title} data-testid="block-diagram">
      {steps.map((s) => (
        <li
          key={s.key}
          className={['flow-step', s.heat ? 'heat' : '', s.residual ? 'residual' : '', focus === s.key ? 'focus' : ''].filter(Boolean).join(' ')}
          data-step={s.key}
          title={s.detail}
        >
          {thumbnails[s.key] && <div className="flow-thumb">{thumbnails[s.key]}</div>}
          <span className="flow-label">{s.label}</span>
        </li>
      ))}
    </ol>
  );
}
