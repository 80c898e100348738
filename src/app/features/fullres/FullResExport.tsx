// Export buttons of the full-resolution heat view: the frame shown as PNG, the animation as WebM, both with the
// colour bar and the caption, named after model, mode (block), t and image.
import { useState } from 'react';
import { errorText } from '../../actions';
import { tFor, useT } from '../../i18n/i18n';
import { animationToWebm, download, exportName, pictureToPng, type ExportPicture } from './fullResolutionExport';
import { captionLines, formatK, formatTime, frameLabel } from './fullResText';
import type { FullResFrames } from './fullResQuery';
import { ErrorMessage } from '../../ui/ErrorMessage';

function picture(frames: FullResFrames, smooth: boolean): ExportPicture {
  const t = tFor('fullres');
  const r = frames.result;
  const panels = frames.explicit
    ? [{ title: t('panel.explicit'), frames: frames.explicit }, { title: t('panel.spectral'), frames: frames.spectral }]
    : [{ title: r.mode.kind === 'learned' ? t('panel.learned') : t('panel.uniform'), frames: frames.spectral }];
  return { panels, width: r.width, height: r.height, frameLabels: r.times.map((_, i) => frameLabel(r, i)), caption: [], smooth };
}

function nameParts(frames: FullResFrames, modelId: string): string[] {
  const r = frames.result;
  const m = r.mode;
  const mode = m.kind === 'uniform' ? `uniform-k${formatK(m.k)}` : `${m.kind === 'learned' ? 'learned-k' : 'hcnet'}-stage${m.stage + 1}-block${m.block + 1}`;
  return ['heatlab', m.kind === 'uniform' ? '' : modelId, mode, r.imageName.replace(/\.[a-z0-9]+$/i, '')];
}

export function FullResExport({ frames, index, smooth, modelId, maxSide }: { frames: FullResFrames; index: number; smooth: boolean; modelId: string; maxSide: number }) {
  const t = useT('fullres');
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
  const png = () => run(t('export.png'), async () => {
    const p = { ...picture(frames, smooth), caption: captionLines(r, index, maxSide) };
    const time = r.times[Math.min(index, r.times.length - 1)];
    const name = exportName([...nameParts(frames, modelId), r.mode.kind === 'hcnet' ? `step${time}` : `t${formatTime(time)}`], 'png');
    download(await pictureToPng(p, index), name);
  });
  const video = () => run(t('export.recording'), async () => {
    const last = r.times.length - 1;
    const p = { ...picture(frames, smooth), caption: captionLines(r, last, maxSide).slice(0, 1).concat(captionLines(r, last, maxSide).slice(-1)) };
    const range = r.mode.kind === 'hcnet' ? `steps0-${r.times[last]}` : `t0-${formatTime(r.times[last])}`;
    const blob = await animationToWebm(p, 12, (i) => setWorking(t('export.recordingFrame', { frame: i + 1, frames: r.times.length })));
    download(blob, exportName([...nameParts(frames, modelId), range], 'webm'));
  });
  return (
    <div className="row">
      <button type="button" onClick={png} disabled={working !== null} data-testid="fullres-png" aria-label={t('export.pngLabel')}>{t('export.pngButton')}</button>
      <button type="button" onClick={video} disabled={working !== null} data-testid="fullres-video" aria-label={t('export.videoLabel')}>{t('export.videoButton')}</button>
      {working && <span className="hint" role="status">{working}</span>}
      <ErrorMessage message={error} />
    </div>
  );
}
