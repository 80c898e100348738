// Image input: a drop zone (the whole page accepts drops too), a file picker, paste, and the samples strip.
import { memo, useEffect, useRef } from 'react';
import { loadSample, openFile } from '../../actions';
import { useApp, type SampleImage } from '../../store';
import { MODEL_FILE_ACCEPT } from '../../worker/protocol';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { HiddenFilePicker } from '../../ui/HiddenFilePicker';
import { useT } from '../../i18n/i18n';

export const ACCEPTED_IMAGES = 'image/jpeg,image/png,image/webp,image/gif';

/** The sample buttons, re-rendered only when the list or the choice changes (not while an image is read). */
const SampleStrip = memo(function SampleStrip({ samples, choice }: { samples: SampleImage[]; choice: string | null }) {
  const t = useT('image');
  if (samples.length === 0) return null;
  return (
    <ul className="samples" aria-label={t('samples')}>
      {samples.map((s) => (
        <li key={s.id}>
          <button type="button" aria-pressed={choice === s.id} onClick={() => void loadSample(s)} title={s.title} data-testid={`sample-${s.id}`}>
            <img src={s.url} alt={s.title} loading="lazy" />
          </button>
        </li>
      ))}
    </ul>
  );
});

export function ImageInput() {
  const t = useT('image');
  const samples = useApp((s) => s.samples);
  const choice = useApp((s) => s.imageChoice);
  const busy = useApp((s) => s.imageBusy);
  const error = useApp((s) => s.imageError);
  const hasImage = useApp((s) => s.image !== null);
  const picker = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const file = e.clipboardData?.files?.[0];
      if (file) {
        e.preventDefault();
        void openFile(file);
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  return (
    <section className="panel image-input" aria-labelledby="image-input-title">
      <h2 id="image-input-title">{t('title')}</h2>
      <div
        className="drop-zone"
        data-testid="drop-zone"
        tabIndex={0}
        role="button"
        aria-label={t('dropLabel')}
        onClick={() => picker.current?.click()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            picker.current?.click();
          }
        }}
      >
        {busy ? t('reading') : t('drop')}
      </div>
      <HiddenFilePicker ref={picker} accept={`${ACCEPTED_IMAGES},${MODEL_FILE_ACCEPT}`} />
      <ErrorMessage message={error} testId="image-error" />
      {choice === null && hasImage && (
        <p className="image-note" data-testid="own-image-note">
          {t('ownImage')}
        </p>
      )}
      <SampleStrip samples={samples} choice={choice} />
    </section>
  );
}
