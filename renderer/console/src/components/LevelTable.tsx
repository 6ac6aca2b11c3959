import { formatCount } from '../format.ts';

interface Props {
  caption: string;
  firstColumn: string;
  levels: { code: string; label: string }[];
  rows: { key: string; label: string; counts: number[]; highlight?: boolean }[];
}

/** The numbers behind a stacked-bar chart, one column per level and a total. */
export function LevelTable({ caption, firstColumn, levels, rows }: Props) {
  return (
    <div className="table-wrap">
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            {levels.map((l) => (
              <th scope="col" key={l.code} className="num">
                {l.label}
              </th>
            ))}
            <th scope="col" className="num">
              Tổng
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.highlight ? 'highlight' : undefined}>
              <th scope="row">{row.label}</th>
              {row.counts.map((n, i) => (
                <td key={i} className="num">
                  {formatCount(n)}
                </td>
              ))}
              <td className="num">{formatCount(row.counts.reduce((a, b) => a + b, 0))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
