import type { CoverageReport } from '../../../../../shared/domain/coverage-report.ts';
import { FUNNEL_COLUMNS, OUTLIER_MIN_SERVED, type FunnelRow } from '../../../../../shared/domain/rating-funnel.ts';
import { formatCount, percent } from '../../format.ts';
import { useFetch } from '../../use-fetch.ts';
import { useCentreQuery } from '../../centre-store.ts';
import { Downloads } from '../../components/Downloads.tsx';

/** The funnel's number columns, in the order Cells fills them. */
const NUMERIC_COLUMNS = [
  'served',
  'prompted',
  'promptedPercent',
  'rated',
  'ratedPercent',
  'ratedByPhone',
  'declined',
  'timedOut',
  'notShown',
] as const;

function Cells({ r }: { r: FunnelRow }) {
  const notShown = r.notShownScreenBusy + r.notShownNoScreen + r.notShownCitizenAbsent;
  return (
    <>
      <td className="num">{formatCount(r.served)}</td>
      <td className="num">{formatCount(r.prompted)}</td>
      <td className="num">{percent(r.promptedPercent)}</td>
      <td className="num">{formatCount(r.rated)}</td>
      <td className="num">{percent(r.ratedPercent)}</td>
      <td className="num">{formatCount(r.ratedByPhone)}</td>
      <td className="num">{formatCount(r.declined)}</td>
      <td className="num">{formatCount(r.timedOut)}</td>
      <td
        className="num"
        title={`Màn hình bận: ${String(r.notShownScreenBusy)}; không có màn hình/mất kết nối: ${String(r.notShownNoScreen)}; công dân không còn ở quầy: ${String(r.notShownCitizenAbsent)}`}
      >
        {formatCount(notShown)}
      </td>
    </>
  );
}

/**
 * Served → prompted → rated over the period, per officer, agency and centre (issue 11 §1): who
 * does not invite citizens to rate. Officers whose rated share is a real outlier below the
 * centre's are marked; Phụ lục 2 itself is unchanged. The per-dossier export sits beside it.
 */
export function FunnelSection({ from, to }: { from: string; to: string }) {
  const query = useCentreQuery({ from, to });
  const { data, error } = useFetch<CoverageReport>(`/api/v1/reports/coverage?${query}`);
  const funnel = data?.funnel;
  return (
    <section className="card" aria-labelledby="h-funnel">
      <div className="section-head">
        <h2 id="h-funnel">Lời mời đánh giá: phục vụ → được mời → đánh giá</h2>
        <Downloads
          links={[
            {
              href: `/api/v1/reports/coverage?${query}&format=xlsx`,
              label: 'Tải XLSX',
              ariaLabel: 'Tải XLSX tỷ lệ đánh giá',
            },
            {
              href: `/api/v1/reports/dossiers?${query}&format=xlsx`,
              label: 'Theo mã hồ sơ (XLSX)',
              ariaLabel: 'Tải XLSX đánh giá theo mã hồ sơ',
            },
            {
              href: `/api/v1/reports/dossiers?${query}&format=csv`,
              label: 'Theo mã hồ sơ (CSV)',
              ariaLabel: 'Tải CSV đánh giá theo mã hồ sơ',
            },
          ]}
        />
      </div>
      {error ? <p className="error">{error}</p> : null}
      {funnel ? (
        <div className="table-wrap">
          <table className="data">
            <caption>
              Tỷ lệ tính trên số phiếu đã phục vụ. “Thấp bất thường”: từ {OUTLIER_MIN_SERVED} phiếu trở lên và tỷ lệ
              được đánh giá thấp hơn mức chung của Trung tâm quá hai độ lệch chuẩn.
            </caption>
            <thead>
              <tr>
                <th scope="col">Họ và tên</th>
                <th scope="col">Cơ quan, đơn vị</th>
                {NUMERIC_COLUMNS.map((key) => (
                  <th key={key} scope="col" className="num">
                    {FUNNEL_COLUMNS[key]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {funnel.officers
                .filter((r) => r.served > 0)
                .map((r) => (
                  <tr key={r.id} className={r.low ? 'highlight' : undefined}>
                    <th scope="row">
                      {r.name}
                      {r.low ? <span className="badge">{FUNNEL_COLUMNS.low.toLowerCase()}</span> : null}
                    </th>
                    <td>{r.agencyName}</td>
                    <Cells r={r} />
                  </tr>
                ))}
              {funnel.agencies.map((r) => (
                <tr key={r.id} className="subtotal">
                  <th scope="row">Cộng cơ quan</th>
                  <td>{r.name}</td>
                  <Cells r={r} />
                </tr>
              ))}
              <tr className="subtotal">
                <th scope="row">Toàn Trung tâm</th>
                <td />
                <Cells r={funnel.centre} />
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
