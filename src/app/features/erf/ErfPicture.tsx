// An ERF map over the input image (at the store's overlay opacity), with the cell marks drawn on top.
import type { ReactNode } from 'react';
import { MapCanvas } from '../../ui/render/MapCanvas';
import { useT } from '../../i18n/i18n';
import { useApp } from '../../store';
import type { ErfResult, ImageInfo } from '../../worker/protocol';
import { RgbaCanvas } from '../../ui/RgbaCanvas';
import { CellOverlay, type CellOverlayProps } from './CellOverlay';

function peakOf(erf: ErfResult): { row: number; col: number } {
  const m = erf.map;
  let best = 0;
  for (let i = 1; i < m.height * m.width; i++) if (m.data[i] > m.data[best]) best = i;
  return { row: Math.floor(best / m.width), col: best % m.width };
}

export interface ErfPictureProps {
  image: ImageInfo;
  erf: ErfResult | null;
  label: string;
  testId: string;
  mapTestId: string;
  marks: Omit<CellOverlayProps, 'imageSide'>;
  /** A click layer over the picture. */
  children?: ReactNode;
}

export function ErfPicture({ image, erf, label, testId, mapTestId, marks, children }: ErfPictureProps) {
  const t = useT('erf');
  const smooth = useApp((s) => s.smooth);
  const opacity = useApp((s) => s.overlayOpacity);
  const s = image.inputSize;
  const peak = erf ? peakOf(erf) : null;
  return (
    <div className="overlay-stack" data-testid={testId} data-peak-row={peak?.row} data-peak-col={peak?.col} data-size={s}>
      <RgbaCanvas data={image.modelInput} size={s} label={t('modelInput')} className={`${smooth ? '' : 'pixelated '}base`} />
      {erf && <MapCanvas map={erf.map} alpha="by-value" opacity={opacity} className={`${smooth ? '' : 'pixelated '}overlay`} label={label} testId={mapTestId} />}
      <CellOverlay imageSide={s} {...marks} />
      {children}
    </div>
  );
}
