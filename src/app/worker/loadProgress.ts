// A model load's progress: each phase of the load owns a share of the bar, in order, so the fraction never goes
// back, and the bytes of the model file are reported as structured events (protocol.ts LoadProgressEvent).
import type { LoadProgressEvent, ModelSource, WorkerWords } from './protocol';

/** What a long request reports: a fraction in [0, 1] with a label (words the page translates), and for model loads a structured event. */
export type Progress = (fraction: number, label: WorkerWords, event?: LoadProgressEvent) => void;

export type LoadPhase = 'download' | 'read' | 'save' | 'build' | 'compile';

/** Each source's phases in order, with their share of the bar (sums to 1). */
const PHASES: Record<ModelSource['kind'], [LoadPhase, number][]> = {
  bundled: [['download', 0.45], ['read', 0.4], ['build', 0.05], ['compile', 0.1]],
  cached: [['read', 0.85], ['build', 0.05], ['compile', 0.1]],
  file: [['read', 0.75], ['save', 0.1], ['build', 0.05], ['compile', 0.1]],
  random: [['build', 0.5], ['compile', 0.5]],
};

/** Each phase's label: a key of the page's 'worker' catalogue. */
const LABELS: Record<LoadPhase, WorkerWords> = {
  download: { key: 'load.downloading' }, read: { key: 'load.reading' }, save: { key: 'load.saving' }, build: { key: 'load.building' },
  compile: { key: 'load.compiling' },
};

export class ModelLoadProgress {
  private loaded = 0;
  private total = 0;

  constructor(private readonly report: Progress, private readonly source: ModelSource['kind'], private readonly file: string) {}

  private event(stage: LoadProgressEvent['stage']): LoadProgressEvent {
    return { stage, file: this.file, loaded: this.loaded, total: this.total };
  }

  /** Fraction at `f` (0..1) of `phase`. */
  private at(phase: LoadPhase, f: number): number {
    let start = 0;
    for (const [p, share] of PHASES[this.source]) {
      if (p === phase) return start + share * Math.min(Math.max(f, 0), 1);
      start += share;
    }
    return start;
  }

  initiate(total = 0): void {
    this.total = total;
    this.report(0, { key: 'load.starting' }, this.event('initiate'));
  }

  downloadStarted(total: number): void {
    this.total = total;
    this.report(this.at('download', 0), LABELS.download, this.event('download'));
  }

  /** Bytes of the model file in (downloaded, or read from a file or the cache) during `phase`. */
  bytes(phase: LoadPhase, loaded: number, total: number): void {
    this.loaded = Math.max(this.loaded, loaded);
    this.total = total;
    this.report(this.at(phase, total > 0 ? loaded / total : 0), phase === 'read' && this.source === 'file' ? { key: 'load.converting' } : LABELS[phase], this.event('progress'));
  }

  /** A phase's own progress without new bytes (parsing a downloaded file, building, compiling). */
  phase(phase: LoadPhase, f = 0): void {
    this.report(this.at(phase, f), LABELS[phase]);
  }

  done(): void {
    this.loaded = this.total;
    this.report(1, { key: 'load.ready' }, this.event('done'));
  }
}
