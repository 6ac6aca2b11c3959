import { useState } from 'react';
import type { OfficerOut } from '../../../../shared/contract/server-api.ts';
import type { RatingsStats } from '../../../../shared/contract/console-api.ts';
import { LevelTable } from '../components/LevelTable.tsx';
import { PeriodPicker, type Period } from '../components/PeriodPicker.tsx';
import { StackedBars } from '../components/StackedBars.tsx';
import { useWidth } from '../components/use-width.ts';
import { duration, formatCount, percent } from '../format.ts';
import { presetPeriod } from '../periods.ts';
import { useFetch } from '../use-fetch.ts';
import { useCentre, useCentreIdPath, useCentrePath } from '../centre-store.ts';
import { FunnelSection } from './ratings/FunnelSection.tsx';
import { NationalScaleSection } from './ratings/NationalScaleSection.tsx';

function CoverageBars({ stats }: { stats: RatingsStats }) {
  const { ref, width } = useWidth<HTMLElement>();
  const rows = stats.byOfficer.filter((r) => r.coveragePercent !== null);
  const rowHeight = 26;
  const labelWidth = Math.min(260, Math.round(width * 0.42));
  const height = rows.length * rowHeight + 8;
  const scale = (p: number) => ((width - labelWidth - 80) * Math.min(100, p)) / 100;
  if (rows.length === 0) return <p className="muted">Chưa có phiếu nào được phục vụ trong kỳ.</p>;
  return (
    <figure className="chart" ref={ref}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="Tỷ lệ được đánh giá theo cán bộ (số lượt đánh giá theo phiếu chia số phiếu đã phục vụ)"
      >
        {rows.map((row, i) => {
          const y = 4 + i * rowHeight;
          const lowest = row.officerId === stats.lowestCoverageOfficerId;
          return (
            <g key={`${row.officerId}-${row.agencyId}`}>
              <text x={labelWidth - 8} y={y + 17} className="bar-label" textAnchor="end">
                {row.fullName}
              </text>
              <rect x={labelWidth} y={y + 3} width={width - labelWidth - 80} height={rowHeight - 8} className="track" />
              <rect
                x={labelWidth}
                y={y + 3}
                width={scale(row.coveragePercent!)}
                height={rowHeight - 8}
                className={lowest ? 'coverage lowest' : 'coverage'}
              />
              <text x={width - 74} y={y + 17} className={lowest ? 'bar-value strong' : 'bar-value'}>
                {percent(row.coveragePercent)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export default function RatingsPage() {
  const [period, setPeriod] = useState<Period>(() => presetPeriod('month', new Date()));
  const [scope, setScope] = useState('');
  const centre = useCentre();
  const officers = useFetch<OfficerOut[]>(useCentreIdPath('/api/v1/officers'));
  const agencies = useFetch<{ id: string; name: string }[]>(useCentrePath('/api/v1/agencies'));
  const [kind, id] = scope.split(':');
  const params = new URLSearchParams({ from: period.from, to: period.to });
  if (centre) params.set('centre', centre.code);
  if (kind === 'agency' && id) params.set('agencyId', id);
  if (kind === 'officer' && id) params.set('officerId', id);
  const { data: stats, error, loading } = useFetch<RatingsStats>(`/api/v1/console/ratings?${params.toString()}`);
  const scopeName =
    kind === 'agency'
      ? (agencies.data?.find((a) => a.id === id)?.name ?? '')
      : kind === 'officer'
        ? (officers.data?.find((o) => o.id === id)?.fullName ?? '')
        : 'Toàn trung tâm';

  return (
    <>
      <div className="toolbar">
        <PeriodPicker value={period} onChange={setPeriod} />
        <label className="inline">
          <span>Phạm vi</span>
          <select value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="">Toàn trung tâm</option>
            <optgroup label="Cơ quan, đơn vị">
              {(agencies.data ?? []).map((a) => (
                <option key={a.id} value={`agency:${a.id}`}>
                  {a.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Cán bộ">
              {(officers.data ?? []).map((o) => (
                <option key={o.id} value={`officer:${o.id}`}>
                  {o.fullName} ({o.agencyName})
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!stats ? (
        <p className="loading" role="status">
          Đang tải…
        </p>
      ) : (
        <div aria-busy={loading}>
          <p className="subtitle">
            {scopeName} {stats.periodLine}
          </p>
          <dl className="tiles" aria-label="Tổng trong kỳ">
            <div className="tile">
              <dt>Lượt đánh giá</dt>
              <dd data-figure="ratings-total">{formatCount(stats.totals.total)}</dd>
            </div>
            <div className="tile">
              <dt>Phiếu đã phục vụ</dt>
              <dd>{formatCount(stats.totals.ticketsServed)}</dd>
            </div>
            <div className="tile">
              <dt>Chờ trung bình</dt>
              <dd>{duration(stats.totals.averageWaitSeconds)}</dd>
            </div>
            <div className="tile">
              <dt>Phục vụ trung bình</dt>
              <dd>{duration(stats.totals.averageServiceSeconds)}</dd>
            </div>
          </dl>
          {stats.totals.misuseExcluded > 0 ? (
            <p className="small muted">{formatCount(stats.totals.misuseExcluded)} lượt bấm nghi vấn không được tính.</p>
          ) : null}

          <section className="card" aria-labelledby="h-time">
            <h2 id="h-time">Mức độ hài lòng theo thời gian</h2>
            <StackedBars
              title="Mức độ hài lòng theo thời gian"
              levels={stats.levels}
              orientation="vertical"
              rows={stats.series.map((b) => ({ key: b.start, label: b.label, counts: b.counts }))}
            />
            <details>
              <summary>Xem dạng bảng</summary>
              <LevelTable
                caption="Số lượt đánh giá theo thời gian"
                firstColumn={stats.granularity === 'month' ? 'Tháng' : stats.granularity === 'week' ? 'Tuần' : 'Ngày'}
                levels={stats.levels}
                rows={stats.series.map((b) => ({ key: b.start, label: b.label, counts: b.counts }))}
              />
            </details>
          </section>

          <div className="two-col">
            <section className="card" aria-labelledby="h-agency">
              <h2 id="h-agency">Theo cơ quan, đơn vị</h2>
              <StackedBars
                title="Theo cơ quan, đơn vị"
                levels={stats.levels}
                orientation="horizontal"
                rows={stats.byAgency.map((a) => ({ key: a.agencyId, label: a.agencyName, counts: a.counts }))}
              />
              <LevelTable
                caption="Số lượt đánh giá theo cơ quan, đơn vị"
                firstColumn="Cơ quan, đơn vị"
                levels={stats.levels}
                rows={stats.byAgency.map((a) => ({ key: a.agencyId, label: a.agencyName, counts: a.counts }))}
              />
            </section>
            <section className="card" aria-labelledby="h-reasons">
              <h2 id="h-reasons">Lý do chưa hài lòng</h2>
              {stats.reasons.length === 0 ? (
                <p className="muted">Không có lý do nào được chọn trong kỳ.</p>
              ) : (
                <div className="table-wrap">
                  <table className="data">
                    <caption>Lý do kèm các đánh giá thấp</caption>
                    <thead>
                      <tr>
                        <th scope="col">Lý do</th>
                        <th scope="col" className="num">
                          Số lần
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {stats.reasons.map((r) => (
                        <tr key={r.code}>
                          <th scope="row">{r.label}</th>
                          <td className="num">{formatCount(r.count)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </div>

          <section className="card" aria-labelledby="h-officer">
            <h2 id="h-officer">Theo cán bộ</h2>
            <StackedBars
              title="Theo cán bộ"
              levels={stats.levels}
              orientation="horizontal"
              rows={stats.byOfficer.map((o) => ({
                key: `${o.officerId}-${o.agencyId}`,
                label: o.fullName,
                counts: o.counts,
              }))}
            />
          </section>

          <section className="card" aria-labelledby="h-coverage">
            <h2 id="h-coverage">Tỷ lệ được đánh giá</h2>
            <p className="small muted">
              Số lượt đánh giá theo phiếu chia cho số phiếu đã phục vụ. Chỉ tô đậm cán bộ thấp hẳn so với trung tâm:
              dưới 50 % và thấp hơn trung vị của trung tâm từ 20 điểm trở lên (tính khi đã phục vụ từ 4 phiếu).
            </p>
            <CoverageBars stats={stats} />
            <div className="table-wrap">
              <table className="data">
                <caption>Đánh giá, phiếu và thời gian theo cán bộ</caption>
                <thead>
                  <tr>
                    <th scope="col">Họ và tên</th>
                    <th scope="col">Cơ quan, đơn vị</th>
                    {stats.levels.map((l) => (
                      <th scope="col" key={l.code} className="num">
                        {l.label}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      Phiếu đã phục vụ
                    </th>
                    <th scope="col" className="num">
                      Tỷ lệ được đánh giá
                    </th>
                    <th scope="col" className="num">
                      Chờ TB
                    </th>
                    <th scope="col" className="num">
                      Phục vụ TB
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.byOfficer.map((o) => {
                    const lowest = o.officerId === stats.lowestCoverageOfficerId && o.coveragePercent !== null;
                    return (
                      <tr key={`${o.officerId}-${o.agencyId}`} className={lowest ? 'highlight' : undefined}>
                        <th scope="row">
                          {o.fullName}
                          {lowest ? <span className="badge">thấp nhất</span> : null}
                        </th>
                        <td>{o.agencyName}</td>
                        {o.counts.map((n, i) => (
                          <td key={i} className="num">
                            {formatCount(n)}
                          </td>
                        ))}
                        <td className="num">{formatCount(o.ticketsServed)}</td>
                        <td className="num">{percent(o.coveragePercent)}</td>
                        <td className="num">{duration(o.averageWaitSeconds)}</td>
                        <td className="num">{duration(o.averageServiceSeconds)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
          <FunnelSection from={period.from} to={period.to} />
          <NationalScaleSection from={period.from} to={period.to} />
        </div>
      )}
    </>
  );
}
