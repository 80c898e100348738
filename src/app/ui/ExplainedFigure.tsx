// A picture that explains itself: the picture, its colour bar with numbers, a one-line caption (the lead) with the
// rest of the explanation behind a "how to read this" toggle, a visible mark while it is being recomputed, its own error, and a PNG download of all of it.
import { useRef, useState, type ReactNode } from 'react';
import { download, exportName, figurePng } from './render/exportFigure';
import { useT } from '../i18n/i18n';
import { useApp } from '../store';
import { ColourBar, type ColourScale } from './ColourBar';
import { ErrorMessage } from './ErrorMessage';

export interface ExplainedFigureProps {
  /** Title of the exported PNG and the figure's accessible name. */
  title: string;
  lead: string;
  text: string;
  scale?: ColourScale;
  /** What is being recomputed, or null. */
  busy?: string | null;
  error?: string | null;
  /** Parts of the download's file name (model, block, t, image...). */
  exportParts: (string | number | undefined)[];
  testId: string;
  className?: string;
  /** Extra content under the caption (a table, a legend). */
  footer?: ReactNode;
  /** The picture's canvases -> the canvases the PNG stacks (default: as they are; e.g. laid side by side into one). */
  exportCanvases?: (canvases: HTMLCanvasElement[]) => HTMLCanvasElement[];
  children: ReactNode;
}

export function ExplainedFigure({ title, lead, text, scale, busy, error, exportParts, testId, className, footer, exportCanvases, children }: ExplainedFigureProps) {
  const picture = useRef<HTMLDivElement>(null);
  const smooth = useApp((s) => s.smooth);
  const [exportError, setExportError] = useState<string | null>(null);
  const t = useT('common');
  const save = async () => {
    try {
      const shown = Array.from(picture.current?.querySelectorAll('canvas') ?? []);
      const canvases = exportCanvases ? exportCanvases(shown) : shown;
      download(await figurePng(canvases, { title, caption: [lead, text].join(' '), scale, smooth }), exportName(exportParts, 'png'));
      setExportError(null);
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <figure className={`xfig ${className ?? ''}`} data-testid={testId} aria-busy={busy ? true : undefined} aria-label={title}>
      <div className={busy ? 'picture stale' : 'picture'} ref={picture}>
        {children}
        {busy && (
          <div className="busy-mark" role="status" data-testid={`${testId}-busy`}>
            <span className="spinner" aria-hidden="true" /> {busy}
          </div>
        )}
      </div>
      {scale && <ColourBar scale={scale} testId={`${testId}-scale`} />}
      <figcaption>
        <strong>{lead}</strong>
        {text && (
          <details className="how-to-read">
            <summary title={t('figure.howToRead')} aria-label={t('figure.howToRead')}>?</summary> {text}
          </details>
        )}
      </figcaption>
      {footer}
      <ErrorMessage message={error ?? exportError} testId={`${testId}-error`} />
      <button type="button" className="export" onClick={() => void save()} data-testid={`${testId}-export`} aria-label={t('figure.downloadNamed', { title })} title={t('figure.download')}>
        ↓
      </button>
    </figure>
  );
}
