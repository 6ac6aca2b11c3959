import { useState } from 'react';
import { formatCount } from '../../../shared/domain/text.ts';
import { formatDateTimeVi } from '../../../shared/domain/vietnam-time.ts';
import { useKiosk } from '../store/kiosk-context.ts';
import '../styles/technician-sync.css';
import { EnrolForm } from './EnrolForm.tsx';

/**
 * The technician's view of the link to the central server: where it syncs, when it last
 * succeeded, what is still waiting, a progress bar while a backlog drains, and enrolment.
 */
export function TechnicianSyncSection() {
  const sync = useKiosk((s) => s.kiosk?.sync ?? null);
  const invoke = useKiosk((s) => s.invoke);
  // Every technician call carries the PIN verified when this screen opened.
  const pin = useKiosk((s) => (s.screen.name === 'technician' ? s.screen.pin : null));
  // The enrolment form opens on request, so the screen fits a 1280×800 display without it.
  const [formOpen, setFormOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!sync || pin === null) return null;

  const enroll = async (serverUrl: string, code: string): Promise<boolean> => {
    setError(null);
    setNotice(null);
    const result = await invoke('sync:enroll', { pin, serverUrl, code });
    if (!result.ok) {
      setError(result.error.message);
      return false;
    }
    setFormOpen(false);
    setNotice(`Đã đăng ký kiosk với máy chủ ${result.value.serverUrl ?? serverUrl.trim()}.`);
    return true;
  };

  const syncNow = async () => {
    const result = await invoke('sync:now', {});
    if (!result.ok) setError(result.error.message);
  };

  return (
    <section className="technician-section technician-sync" aria-labelledby="sync-title">
      <h2 id="sync-title" className="section-title">
        Đồng bộ với máy chủ trung tâm
      </h2>
      <div className="sync-summary">
        <dl className="sync-facts">
          <div>
            <dt>Máy chủ</dt>
            <dd data-testid="sync-server">{sync.serverUrl ?? 'Chưa đăng ký'}</dd>
          </div>
          <div>
            <dt>Đồng bộ thành công gần nhất</dt>
            <dd data-testid="sync-last-success">
              {sync.lastSuccessAt ? formatDateTimeVi(new Date(sync.lastSuccessAt)) : 'Chưa có'}
            </dd>
          </div>
          <div>
            <dt>Sự kiện chờ gửi</dt>
            <dd data-testid="sync-pending">{formatCount(sync.pending)}</dd>
          </div>
          {sync.rejected > 0 && (
            <div>
              <dt>Bị máy chủ từ chối (giữ lại trên kiosk)</dt>
              <dd data-testid="sync-rejected">{formatCount(sync.rejected)}</dd>
            </div>
          )}
        </dl>
        {!formOpen && (
          <div className="sync-buttons">
            {sync.enrolled && (
              <button type="button" className="button button--secondary" onClick={() => void syncNow()}>
                Đồng bộ ngay
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={() => setFormOpen(true)}>
              {sync.enrolled ? 'Đăng ký lại…' : 'Đăng ký kiosk…'}
            </button>
          </div>
        )}
      </div>
      {sync.draining && (
        <div className="sync-progress">
          <label htmlFor="sync-progress-bar">
            Đang gửi dữ liệu tồn: {formatCount(sync.draining.sent)} / {formatCount(sync.draining.total)} sự kiện
          </label>
          <progress id="sync-progress-bar" max={sync.draining.total} value={sync.draining.sent} />
        </div>
      )}
      {sync.lastError && <p className="message message--error sync-error">{sync.lastError}</p>}
      {formOpen && (
        <EnrolForm
          initialServerUrl={sync.serverUrl ?? ''}
          submitLabel="Đăng ký"
          enroll={enroll}
          onCancel={() => setFormOpen(false)}
        />
      )}
      {/* Live regions without the status/alert roles: the screen keeps one of each for itself. */}
      <p className="message message--notice sync-enrol-notice" aria-live="polite">
        {notice}
      </p>
      <p className="message message--error sync-enrol-error" aria-live="assertive">
        {error}
      </p>
    </section>
  );
}
