import { levelTone } from '../../../../shared/domain/level-colours.ts';
import { formatCount } from '../format.ts';
import { useWidth } from './use-width.ts';

/** The kiosk's colour of each level (shared/domain/level-colours.ts), by position on a scale of `count`. */
export const levelColour = (index: number, count: number): string => levelTone(index, count).tone.background;
/** Segments and swatches are outlined: the light `Khá` green alone is faint on white. */
export const LEVEL_OUTLINE = '#334155';

export interface BarRow {
  key: string;
  label: string;
  counts: number[];
  highlight?: boolean;
}

interface Props {
  title: string;
  levels: { code: string; label: string }[];
  rows: BarRow[];
  orientation: 'vertical' | 'horizontal';
}

export function Legend({ levels }: { levels: { code: string; label: string }[] }) {
  return (
    <ul className="legend" aria-label="Chú giải">
      {levels.map((level, i) => (
        <li key={level.code}>
          <span
            className="swatch"
            style={{ background: levelColour(i, levels.length), outline: `1px solid ${LEVEL_OUTLINE}` }}
            aria-hidden="true"
          />
          {level.label}
        </li>
      ))}
    </ul>
  );
}

/** Stacked bars drawn as plain SVG: one bar per row, one segment per level of the scale. */
export function StackedBars({ title, levels, rows, orientation }: Props) {
  const { ref, width } = useWidth<HTMLElement>();
  const max = Math.max(1, ...rows.map((r) => r.counts.reduce((a, b) => a + b, 0)));
  const summary = `${title}: ${rows.length} cột, lớn nhất ${formatCount(max)} lượt.`;
  if (orientation === 'vertical') {
    const height = 240;
    const plotTop = 12;
    const plotBottom = height - 36;
    const left = 44;
    const slot = (width - left - 8) / Math.max(1, rows.length);
    const barWidth = Math.max(2, Math.min(40, slot * 0.7));
    // Room for a label every ~56 px.
    const every = Math.max(1, Math.ceil(rows.length / Math.max(2, Math.floor((width - left) / 56))));
    const scale = (n: number) => ((plotBottom - plotTop) * n) / max;
    return (
      <figure className="chart" ref={ref}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
          <line x1={left} x2={width - 4} y1={plotBottom} y2={plotBottom} className="axis" />
          <text x={left - 6} y={plotTop + 10} className="tick" textAnchor="end">
            {formatCount(max)}
          </text>
          <text x={left - 6} y={plotBottom} className="tick" textAnchor="end">
            0
          </text>
          {rows.map((row, i) => {
            const x = left + i * slot + (slot - barWidth) / 2;
            let y = plotBottom;
            return (
              <g key={row.key}>
                <title>{`${row.label}: ${row.counts.map((n, j) => `${levels[j]?.label ?? ''} ${formatCount(n)}`).join(', ')}`}</title>
                {row.counts.map((n, j) => {
                  const h = scale(n);
                  y -= h;
                  return n > 0 ? (
                    <rect
                      key={j}
                      x={x}
                      y={y}
                      width={barWidth}
                      height={h}
                      fill={levelColour(j, levels.length)}
                      stroke={LEVEL_OUTLINE}
                      strokeWidth={0.5}
                    />
                  ) : null;
                })}
                {i % every === 0 ? (
                  <text x={x + barWidth / 2} y={plotBottom + 20} className="tick" textAnchor="middle">
                    {row.label}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
        <Legend levels={levels} />
      </figure>
    );
  }
  const rowHeight = 26;
  const labelWidth = Math.min(260, Math.round(width * 0.42));
  const maxChars = Math.floor(labelWidth / 7.2);
  const height = rows.length * rowHeight + 8;
  const scale = (n: number) => ((width - labelWidth - 60) * n) / max;
  return (
    <figure className="chart" ref={ref}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        {rows.map((row, i) => {
          const y = 4 + i * rowHeight;
          let x = labelWidth;
          const total = row.counts.reduce((a, b) => a + b, 0);
          const label = row.label.length > maxChars ? `${row.label.slice(0, maxChars - 1)}…` : row.label;
          return (
            <g key={row.key} className={row.highlight ? 'bar-highlight' : undefined}>
              <title>{`${row.label}: ${row.counts.map((n, j) => `${levels[j]?.label ?? ''} ${formatCount(n)}`).join(', ')}`}</title>
              <text x={labelWidth - 8} y={y + 17} className="bar-label" textAnchor="end">
                {label}
              </text>
              {row.counts.map((n, j) => {
                const w = scale(n);
                const rect =
                  n > 0 ? (
                    <rect
                      key={j}
                      x={x}
                      y={y + 3}
                      width={w}
                      height={rowHeight - 8}
                      fill={levelColour(j, levels.length)}
                      stroke={LEVEL_OUTLINE}
                      strokeWidth={0.5}
                    />
                  ) : null;
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + 17} className="bar-value">
                {formatCount(total)}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend levels={levels} />
    </figure>
  );
}
