import { NATIONAL_LEVEL_LABELS, NATIONAL_LEVELS } from '../../../../../shared/contract/centre-settings.ts';
import type { NationalReport, NationalSummary } from '../../../../../shared/domain/national-scale.ts';
import { formatCount, percent } from '../../format.ts';
import { useFetch } from '../../use-fetch.ts';
import { useCentreQuery } from '../../centre-store.ts';
import { Downloads } from '../../components/Downloads.tsx';

const index = (value: number | null) =>
  value === null ? '—' : value.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function Cells({ s }: { s: NationalSummary }) {
  return (
    <>
      {NATIONAL_LEVELS.map((level) => (
        <td key={level} className="num">
          {formatCount(s.counts[level])}
        </td>
      ))}
      <td className="num">{percent(s.satisfiedPercent)}</td>
      <td className="num">{index(s.index)}</td>
    </>
  );
}

/**
 * The period's ratings on the national three-level scale, with the satisfied share and the
 * 0–100 index, per officer and agency (issue 11 §5). Phụ lục 2 itself is unchanged.
 */
export function NationalScaleSection({ from, to }: { from: string; to: string }) {
  const query = useCentreQuery({ from, to });
  const { data, error } = useFetch<NationalReport>(`/api/v1/reports/national-scale?${query}`);
  return (
    <section className="card" aria-labelledby="h-national">
      <div className="section-head">
        <h2 id="h-national">Thang ba mức và chỉ số hài lòng</h2>
        <Downloads
          links={['xlsx', 'csv'].map((format) => ({
            href: `/api/v1/reports/national-scale?${query}&format=${format}`,
            label: `Tải ${format.toUpperCase()}`,
            ariaLabel: `Tải ${format.toUpperCase()} thang ba mức`,
          }))}
        />
      </div>
      {error ? <p className="error">{error}</p> : null}
      {data ? (
        <>
          <div className="table-wrap">
            <table className="data">
              <caption>
                Tỷ lệ hài lòng = (Rất hài lòng + Hài lòng) ÷ tổng số lượt. Chỉ số = trung bình trọng số:{' '}
                {data.mapping.map((m) => `${m.label} ${String(m.weight)}`).join(', ')}.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Cơ quan, đơn vị</th>
                  {NATIONAL_LEVELS.map((level) => (
                    <th key={level} scope="col" className="num">
                      {NATIONAL_LEVEL_LABELS[level]}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    Tỷ lệ hài lòng
                  </th>
                  <th scope="col" className="num">
                    Chỉ số (0–100)
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={`${row.officerId}-${row.agencyId}`}>
                    <th scope="row">{row.fullName}</th>
                    <td>{row.agencyName}</td>
                    <Cells s={row} />
                  </tr>
                ))}
                {data.agencies.map((agency) => (
                  <tr key={agency.agencyId} className="subtotal">
                    <th scope="row">Cộng cơ quan</th>
                    <td>{agency.agencyName}</td>
                    <Cells s={agency} />
                  </tr>
                ))}
                <tr className="subtotal">
                  <th scope="row">Toàn Trung tâm</th>
                  <td />
                  <Cells s={data.centre} />
                </tr>
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
