// The original image beside the preprocessed input the model actually sees.
import { useApp } from '../../store';
import { RgbaCanvas } from '../../ui/RgbaCanvas';

export function InputPreview() {
  const image = useApp((s) => s.image);
  const url = useApp((s) => s.originalUrl);
  const model = useApp((s) => s.model);
  if (!image) return null;
  const p = model?.preprocessing;
  return (
    <section className="panel preview" aria-labelledby="preview-title" data-testid="preview" data-image-id={image.id}>
      <h2 id="preview-title">Input</h2>
      <div className="preview-pair">
        <figure>
          {url && <img src={url} alt={`Original: ${image.name}`} className="original" />}
          <figcaption>
            {image.name}, {image.width}×{image.height}
          </figcaption>
        </figure>
        <figure>
          <RgbaCanvas data={image.modelInput} size={image.inputSize} label="The model input after preprocessing" className="pixelated model-input" testId="model-input" />
          <figcaption title={p ? `shorter side to ${p.resizeTo}, centre crop${p.grayscale ? ', grayscale' : ''}` : undefined}>
            model input {image.inputSize}×{image.inputSize}
          </figcaption>
        </figure>
      </div>
    </section>
  );
}
