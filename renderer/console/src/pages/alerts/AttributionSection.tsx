import { useState } from 'react';
import type { AttributionMismatchList } from '../../../../../shared/contract/console-api.ts';
import { PeriodPicker, type Period } from '../../components/PeriodPicker.tsx';
import { dateTime, formatCount, formatDayVi } from '../../format.ts';
import { presetPeriod } from '../../periods.ts';
import { useFetch } from '../../use-fetch.ts';
import { useCentreQuery } from '../../centre-store.ts';

const KIND_LABEL = {
  other_agency: 'Hôm đó cán bộ thuộc cơ quan khác',
  not_assigned: 'Hôm đó cán bộ không công tác tại Trung tâm',
} as const;

/**
 * Issue 9 item 8: ratings and served tickets a kiosk sent under an agency the officer's history
 * contradicts. They are kept and counted under the history's agency; this list lets a
 * supervisor see where a kiosk's staff list was stale, or a token was misused.
 */
export function AttributionSection() {
  const [period, setPeriod] = useState<Period>(() => presetPeriod('month', new Date()));
  const query = useCentreQuery({ from: period.from, to: period.to });
  const { data, error } = useFetch<AttributionMismatchList>(`/api/v1/console/attribution-mismatches?${query}`);
  return (
    <section className="card" aria-labelledby="h-attribution">
      <h2 id="h-attribution">Ghi nhận sai cơ quan so với lịch sử công tác</h2>
      <p className="small muted">
        Kiosk gửi đánh giá hoặc phiếu với cơ quan mà cán bộ không thuộc vào ngày đó (danh sách cán bộ trên kiosk cũ,
        hoặc dữ liệu bị giả mạo). Máy chủ vẫn giữ lại và ghi theo lịch sử công tác; Phụ lục 2 dùng cơ quan theo lịch sử.
      </p>
      <PeriodPicker value={period} onChange={setPeriod} />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {data ? (
        data.total === 0 ? (
          <p>
            Không có ghi nhận nào sai cơ quan từ {formatDayVi(data.from)} đến {formatDayVi(data.to)}.
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption>
                {formatCount(data.total)} ghi nhận từ {formatDayVi(data.from)} đến {formatDayVi(data.to)}
                {data.total > data.rows.length ? ` (hiện ${formatCount(data.rows.length)} ghi nhận mới nhất)` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Ngày</th>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Loại</th>
                  <th scope="col">Kiosk gửi cơ quan</th>
                  <th scope="col">Đã ghi cho cơ quan</th>
                  <th scope="col">Lý do</th>
                  <th scope="col">Kiosk</th>
                  <th scope="col">Nhận lúc</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.eventId}>
                    <td>{formatDayVi(row.day)}</td>
                    <th scope="row">{row.officerName}</th>
                    <td>{row.eventType === 'rating.submitted' ? 'Đánh giá' : 'Phiếu đã phục vụ'}</td>
                    <td>{row.sentAgencyName}</td>
                    <td>{row.filedAgencyName}</td>
                    <td>{KIND_LABEL[row.kind]}</td>
                    <td>{row.deviceName}</td>
                    <td>{dateTime(row.receivedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </section>
  );
}
