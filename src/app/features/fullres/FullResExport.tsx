// Export buttons of the full-resolution heat view: the frame shown as PNG, the animation as WebM, both with the
// colour bar and the caption, named after model, mode (block), t and image.
import { useState } from 'react';
import { errorText } from '../../actions';
import { animationToWebm, download, exportName, pictureToPng, type ExportPicture } from './fullResolutionExport';
import { captionLines, formatK, formatTime, frameLabel } from './fullResText';
import type { FullResFrames } from './fullResQuery';
import { ErrorMessage } from '../../ui/ErrorMessage';

function picture(frames: FullResFrames, smooth: boolean): ExportPicture {
  const r = frames.result;
  const panels = frames.explicit
    ? [{ title: 'HcNet explicit steps', frames: frames.explicit }, { title: 'Spectral solution', frames: frames.spectral }]
    : [{ title: r.mode.kind === 'learned' ? 'Diffused with the learned k' : 'Diffused with uniform k', frames: frames.spectral }];
  return { panels, width: r.width, height: r.height, frameLabels: r.times.map((_, i) => frameLabel(r, i)), caption: [], smooth };
}

function nameParts(frames: FullResFrames, modelId: string): string[] {
  const r = frames.result;
  const m = r.mode;
  const mode = m.kind === 'uniform' ? `uniform-k${formatK(m.k)}` : `${m.kind === 'learned' ? 'learned-k' : 'hcnet'}-stage${m.stage + 1}-block${m.block + 1}`;
  return ['heatlab', m.kind === 'uniform' ? '' : modelId, mode, r.imageName.replace(/\.[a-z0-9]+$/i, '')];
}

export function FullResExport({ frames, index, smooth, modelId, maxSide }: { frames: FullResFrames; index: number; smooth: boolean; modelId: string; maxSide: number }) {
  const [working, setWorking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const r = frames.result;
  const run = async (label: string, make: () => Promise<void>) => {
    setWorking(label);
    setError(null);
    try {
      await make();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setWorking(null);
    }
  };
  const png = () => run('PNG…', async () => {
    const p = { ...picture(frames, smooth), caption: captionLines(r, index, maxSide) };
    const t = r.times[Math.min(index, r.times.length - 1)];
    const name = exportName([...nameParts(frames, modelId), r.mode.kind === 'hcnet' ? `step${t}` : `t${formatTime(t)}`], 'png');
    download(await pictureToPng(p, index), name);
  });
  const video = () => run('recording…', async () => {
    const last = r.times.length - 1;
    const p = { ...picture(frames, smooth), caption: captionLines(r, last, maxSide).slice(0, 1).concat(captionLines(r, last, maxSide).slice(-1)) };
    const range = r.mode.kind === 'hcnet' ? `steps0-${r.times[last]}` : `t0-${formatTime(r.times[last])}`;
    const blob = await animationToWebm(p, 12, (i) => setWorking(`recording frame ${i + 1} of ${r.times.length}…`));
    download(blob, exportName([...nameParts(frames, modelId), range], 'webm'));
  });
  return (
    <div className="row">
      <button type="button" onClick={png} disabled={working !== null} data-testid="fullres-png" aria-label="Download the frame as PNG">↓ PNG</button>
      <button type="button" onClick={video} disabled={working !== null} data-testid="fullres-video" aria-label="Download the animation as a WebM video">↓ WebM</button>
      {working && <span className="hint" role="status">{working}</span>}
      <ErrorMessage message={error} />
    </div>
  );
}
