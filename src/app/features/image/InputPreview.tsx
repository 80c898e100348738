// The original image beside the preprocessed input the model actually sees.
import { useApp } from '../../store';
import { RgbaCanvas } from '../../ui/RgbaCanvas';
import { useT } from '../../i18n/i18n';

export function InputPreview() {
  const t = useT('image');
  const image = useApp((s) => s.image);
  const url = useApp((s) => s.originalUrl);
  const model = useApp((s) => s.model);
  if (!image) return null;
  const p = model?.preprocessing;
  return (
    <section className="panel preview" aria-labelledby="preview-title" data-testid="preview" data-image-id={image.id}>
      <h2 id="preview-title">{t('preview.title')}</h2>
      <div className="preview-pair">
        <figure>
          {url && <img src={url} alt={t('preview.original', { name: image.name })} className="original" />}
          <figcaption>
            {image.name}, {image.width}×{image.height}
          </figcaption>
        </figure>
        <figure>
          <RgbaCanvas data={image.modelInput} size={image.inputSize} label={t('preview.modelInputLabel')} className="pixelated model-input" testId="model-input" />
          <figcaption title={p ? (p.grayscale ? t('preview.cropGray', { size: p.resizeTo }) : t('preview.crop', { size: p.resizeTo })) : undefined}>
            {t('preview.modelInput', { size: image.inputSize })}
          </figcaption>
        </figure>
      </div>
    </section>
  );
}
