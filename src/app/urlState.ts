// The shareable part of the state, kept in the URL query: model, image choice, slider values, stage/block.
export interface UrlState {
  model?: string;
  image?: string;
  global?: number;
  perStage?: number[];
  stage?: number;
  block?: number;
}

function num(v: string | null): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const perStage = q.get('ks')?.split(',').map((s) => num(s));
  return {
    model: q.get('model') ?? undefined,
    image: q.get('image') ?? undefined,
    global: num(q.get('k')),
    perStage: perStage && perStage.every((v) => v !== undefined) ? (perStage as number[]) : undefined,
    stage: num(q.get('stage')),
    block: num(q.get('block')),
  };
}

const short = (v: number) => String(Number(v.toPrecision(4)));

export function formatUrlState(s: UrlState): string {
  const q = new URLSearchParams();
  if (s.model) q.set('model', s.model);
  if (s.image) q.set('image', s.image);
  if (s.global !== undefined && s.global !== 1) q.set('k', short(s.global));
  if (s.perStage && s.perStage.some((v) => v !== 1)) q.set('ks', s.perStage.map(short).join(','));
  if (s.stage) q.set('stage', String(s.stage));
  if (s.block) q.set('block', String(s.block));
  const str = q.toString();
  return str ? `?${str}` : '';
}
