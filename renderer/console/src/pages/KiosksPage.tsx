import { useEffect, useState } from 'react';
import type { DeviceSummary } from '../../../../shared/contract/server-api.ts';
import type { Counter } from '../../../../shared/domain/config.ts';
import { KioskAssignmentForm, TechnicianPinForm, ratingVoiceLabel, roleLabel } from './kiosks/KioskAssignment.tsx';
import { api } from '../api.ts';
import { ConfirmButton } from '../components/ActionButton.tsx';
import { Message } from '../components/Message.tsx';
import { age, dateTime, formatCount } from '../format.ts';
import { printerLabel, printerNeedsAttention } from '../printer-label.ts';
import { isAdminRole } from '../../../../shared/contract/console-api.ts';
import { useSession } from '../session-store.ts';
import { useAction } from '../use-action.ts';
import { useFetch } from '../use-fetch.ts';
import { useCentreIdBody, useCentreIdPath } from '../centre-store.ts';

const ONLINE_MS = 3 * 60_000;

function offset(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.round(ms / 1000);
  if (Math.abs(seconds) < 2) return 'khớp';
  const abs = Math.abs(seconds);
  const text = abs >= 120 ? `${formatCount(Math.round(abs / 60))} phút` : `${abs} giây`;
  return seconds > 0 ? `nhanh ${text}` : `chậm ${text}`;
}

export default function KiosksPage() {
  const admin = useSession((s) => isAdminRole(s.session?.role));
  const { data, reload } = useFetch<DeviceSummary[]>(useCentreIdPath('/api/v1/devices'));
  const counters = useFetch<Counter[]>(useCentreIdPath('/api/v1/counters')).data ?? [];
  const atCentre = useCentreIdBody();
  const { flash, busy, run } = useAction(reload);
  const [code, setCode] = useState<{ code: string; expiresAt: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <>
      {admin ? (
        <section className="card" aria-labelledby="h-enrol">
          <h2 id="h-enrol">Đăng ký kiosk mới</h2>
          <p className="small muted">
            Tạo mã dùng một lần, nhập mã trên màn hình kỹ thuật của kiosk (hoặc <code>hailong kiosk --enroll MÃ</code>).
          </p>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                setCode(
                  await api<{ code: string; expiresAt: string }>('/api/v1/devices/enrollment-codes', {
                    method: 'POST',
                    json: atCentre,
                  }),
                );
              }, 'Đã tạo mã đăng ký.')
            }
          >
            Tạo mã đăng ký
          </button>
          {code ? (
            <p className="enrol-code">
              Mã: <strong data-figure="enrolment-code">{code.code}</strong>
              <span className="small muted"> · hết hạn {dateTime(code.expiresAt)}</span>
            </p>
          ) : null}
        </section>
      ) : null}
      {admin ? <TechnicianPinForm busy={busy} run={run} /> : null}
      <Message flash={flash} />
      <section className="card" aria-labelledby="h-kiosks">
        <h2 id="h-kiosks">Các kiosk</h2>
        {data && data.length === 0 ? <p>Chưa có kiosk nào đăng ký.</p> : null}
        <div className="table-wrap">
          <table className="data">
            <caption>Đồng bộ, phiên bản và đồng hồ của từng kiosk</caption>
            <thead>
              <tr>
                <th scope="col">Kiosk</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Vai trò, quầy</th>
                <th scope="col">Đồng bộ lần cuối</th>
                <th scope="col" className="num">
                  Sự kiện đã nhận
                </th>
                <th scope="col" className="num">
                  Sự kiện còn thiếu
                </th>
                <th scope="col">Phiên bản</th>
                <th scope="col">Đồng hồ kiosk</th>
                <th scope="col">Máy in</th>
                {admin ? <th scope="col">Thao tác</th> : null}
              </tr>
            </thead>
            <tbody>
              {(data ?? []).map((d) => {
                const online = !d.revoked && d.lastSyncAt !== null && now - Date.parse(d.lastSyncAt) <= ONLINE_MS;
                return (
                  <tr key={d.id}>
                    <th scope="row">
                      {d.name}
                      <span className="small muted block">Đăng ký {dateTime(d.createdAt)}</span>
                    </th>
                    <td>
                      {d.revoked ? (
                        <span className="pill bad">Đã thu hồi</span>
                      ) : online ? (
                        <span className="pill ok">Trực tuyến</span>
                      ) : (
                        <span className="pill muted-pill">Ngoại tuyến</span>
                      )}
                      {d.syncRefusal ? (
                        <span className="warn-text small block" data-figure="sync-refusal">
                          {d.syncRefusal.message}
                        </span>
                      ) : null}
                    </td>
                    <td data-figure="kiosk-role">
                      {roleLabel(d, counters)}
                      {d.assignedPrinter ? (
                        <span className="small muted block">
                          Máy in gán: {d.assignedPrinter.url} ({d.assignedPrinter.paperWidth} mm)
                        </span>
                      ) : null}
                      {d.role === 'counter' ? (
                        <span className="small muted block" data-figure="kiosk-rating-voice">
                          Lời mời đánh giá bằng giọng nói: {ratingVoiceLabel(d)}
                        </span>
                      ) : null}
                      {admin && !d.revoked ? (
                        <KioskAssignmentForm
                          key={`${d.role ?? ''}/${d.counterId ?? ''}/${String(d.ratingVoice)}/${counters.length}`}
                          device={d}
                          counters={counters}
                          busy={busy}
                          run={run}
                        />
                      ) : null}
                    </td>
                    <td>
                      {age(d.lastSyncAt, now)}
                      {d.lastSyncAt ? <span className="small muted block">{dateTime(d.lastSyncAt)}</span> : null}
                    </td>
                    <td className="num">{formatCount(d.eventCount)}</td>
                    <td className="num">
                      {d.gaps > 0 ? <strong className="warn-text">{formatCount(d.gaps)}</strong> : '0'}
                    </td>
                    <td>{d.version ?? '—'}</td>
                    <td className={d.clockWarning ? 'warn-text' : undefined}>
                      {offset(d.clockOffsetMs)}
                      {d.clockWarning ? ' (lệch quá 5 phút)' : ''}
                      {d.clockCorrectedEvents > 0 ? (
                        <span className="small warn-text block">
                          Đã chỉnh giờ {formatCount(d.clockCorrectedEvents)} sự kiện theo đồng hồ máy chủ
                          {d.lastClockCorrectionAt ? ` (lần cuối ${dateTime(d.lastClockCorrectionAt)})` : ''}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {d.printer ? (
                        <span className={printerNeedsAttention(d.printer.state) ? 'warn-text' : undefined}>
                          Máy in: {printerLabel(d.printer.state)}
                        </span>
                      ) : (
                        <span className="muted">Máy in: kiosk chưa báo</span>
                      )}
                      {d.printer?.message ? <span className="small muted block">{d.printer.message}</span> : null}
                      {d.storageFull ? (
                        <strong className="warn-text block">
                          Bộ nhớ kiosk đã đầy: kiosk tạm ngừng ghi nhận số thứ tự và đánh giá mới.
                        </strong>
                      ) : null}
                      {d.pendingEvents !== null ? (
                        <span className="small block">Sự kiện chờ gửi: {formatCount(d.pendingEvents)}</span>
                      ) : null}
                    </td>
                    {admin ? (
                      <td className="actions">
                        {d.revoked ? null : (
                          <ConfirmButton
                            label={`Thu hồi ${d.name}`}
                            text="Thu hồi"
                            confirmText="Xác nhận thu hồi"
                            open={confirming === d.id}
                            busy={busy}
                            onOpen={() => setConfirming(d.id)}
                            onCancel={() => setConfirming(null)}
                            onConfirm={() =>
                              void run(
                                () => api(`/api/v1/devices/${encodeURIComponent(d.id)}/revoke`, { method: 'POST' }),
                                `Đã thu hồi ${d.name}: kiosk này không đồng bộ được nữa.`,
                              ).then(() => setConfirming(null))
                            }
                          />
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className="small muted">
          “Sự kiện còn thiếu” là các số thứ tự sự kiện kiosk đã ghi mà máy chủ chưa nhận; kiosk sẽ tự gửi lại khi có
          mạng.
        </p>
      </section>
    </>
  );
}
