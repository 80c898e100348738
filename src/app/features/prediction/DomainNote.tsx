// Shown under the predictions when the image is not from the model's data set: what the model knows, and
// how to get a model that knows everyday photos.
import { modelDomain, OFFICIAL_CHECKPOINTS, outsideDomain } from './modelDomain';
import { useApp } from '../../store';

export function DomainNote() {
  const model = useApp((s) => s.model);
  const choice = useApp((s) => s.imageChoice);
  if (!model) return null;
  const domain = modelDomain(model);
  if (!domain || !outsideDomain(domain, choice)) return null;
  return (
    <div className="note" data-testid="domain-note">
      <p>
        <strong>This image is not from {domain.name}.</strong> This model only knows {model.labels.length} classes ({model.labels.join(', ')}), learned
        from {domain.looksLike}. Any other picture still gets one of these labels, and then the label means little.
      </p>
      <p>
        For everyday photos (ImageNet&rsquo;s 1000 classes), download an official vHeat checkpoint, e.g. <code>vHeat_tiny.pth</code>, from the{' '}
        <a href={OFFICIAL_CHECKPOINTS} target="_blank" rel="noreferrer">
          vHeat releases
        </a>{' '}
        and drop it on this page: it is converted in your browser and kept for your next visit.
      </p>
    </div>
  );
}
