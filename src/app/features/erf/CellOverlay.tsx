// Drawn over a picture of the input (viewBox = input pixels): the stage's output grid, the cell under the
// cursor, the cell the ERF was computed for with its centre, the clicked pixel and the 50 % square.
import type { Cell } from './stageCells';
import { cellEdges, cellPixelBox } from './stageCells';

export interface CellOverlayProps {
  imageSide: number;
  /** Stage whose grid is drawn (null: no grid). */
  gridStage: number | null;
  hover?: Cell | null;
  /** The computed cell, on the grid of `computedStage`, and its centre pixel. */
  computed?: { stage: number; cell: Cell; centre: Cell } | null;
  /** The image point the user picked (input pixel). */
  picked?: Cell | null;
  /** A square [top, left, bottom, right) in input pixels (the 50 % area). */
  square?: [number, number, number, number] | null;
}

function Box({ box, className, testId, cell }: { box: [number, number, number, number]; className: string; testId?: string; cell?: Cell }) {
  const [top, left, bottom, right] = box;
  return (
    <rect
      x={left} y={top} width={right - left} height={bottom - top}
      className={className} data-testid={testId} data-row={cell?.row} data-col={cell?.col} vectorEffect="non-scaling-stroke"
    />
  );
}

export function CellOverlay({ imageSide: s, gridStage, hover, computed, picked, square }: CellOverlayProps) {
  const edges = gridStage === null ? [] : cellEdges(s, gridStage);
  return (
    <svg className="cell-overlay" viewBox={`0 0 ${s} ${s}`} preserveAspectRatio="none" aria-hidden="true">
      {edges.map((e) => (
        <g key={e} className="grid-line">
          <line x1={e} y1={0} x2={e} y2={s} vectorEffect="non-scaling-stroke" />
          <line x1={0} y1={e} x2={s} y2={e} vectorEffect="non-scaling-stroke" />
        </g>
      ))}
      {square && <Box box={square} className="half-square" testId="erf-half-square" />}
      {computed && <Box box={cellPixelBox(computed.cell, s, computed.stage)} className="computed-cell" testId="erf-computed-cell" cell={computed.cell} />}
      {hover && gridStage !== null && <Box box={cellPixelBox(hover, s, gridStage)} className="hover-cell" testId="erf-hover-cell" cell={hover} />}
      {computed && <circle cx={computed.centre.col + 0.5} cy={computed.centre.row + 0.5} r={s / 40} className="cell-centre" vectorEffect="non-scaling-stroke" />}
      {picked && (
        <g className="picked-point" data-testid="erf-picked-point">
          <line x1={picked.col + 0.5 - s / 40} y1={picked.row + 0.5} x2={picked.col + 0.5 + s / 40} y2={picked.row + 0.5} vectorEffect="non-scaling-stroke" />
          <line x1={picked.col + 0.5} y1={picked.row + 0.5 - s / 40} x2={picked.col + 0.5} y2={picked.row + 0.5 + s / 40} vectorEffect="non-scaling-stroke" />
        </g>
      )}
    </svg>
  );
}
