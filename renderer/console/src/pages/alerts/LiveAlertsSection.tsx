import { useState } from 'react';
import type { LiveAlert } from '../../../../../shared/contract/centre-settings.ts';
import { api, errorText } from '../../api.ts';
import { Message, type Flash } from '../../components/Message.tsx';
import { dateTime } from '../../format.ts';
import { useLiveAlerts } from '../../live-alerts-store.ts';

function AcknowledgeForm({ alert }: { alert: LiveAlert }) {
  const [comment, setComment] = useState('');
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (comment.trim() === '') {
      setFlash({ ok: false, text: 'Hãy ghi nhận xét khi xác nhận cảnh báo.' });
      return;
    }
    setBusy(true);
    try {
      // The stream brings the new list to every open console, this one included.
      await api(`/api/v1/console/live-alerts/${alert.id}/acknowledge`, { method: 'POST', json: { comment } });
      setFlash(null);
    } catch (failure) {
      setFlash({ ok: false, text: errorText(failure) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="ack"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label>
        <span>Nhận xét</span>
        <input value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={busy} aria-label={`Xác nhận cảnh báo: ${alert.subject}`}>
        Xác nhận
      </button>
      <Message flash={flash} />
    </form>
  );
}

/** Alerts raised live (counter with many low ratings, officer rarely rated today) and their history. */
export function LiveAlertsSection() {
  const list = useLiveAlerts((s) => s.list);
  const link = useLiveAlerts((s) => s.link);
  return (
    <>
      <section className="card" aria-labelledby="h-live-alerts">
        <h2 id="h-live-alerts">Cảnh báo trực tiếp</h2>
        {link === 'retrying' ? <p className="error">Đang kết nối lại máy chủ…</p> : null}
        {!list ? (
          <p>Đang tải…</p>
        ) : list.open.length === 0 ? (
          <p>Không có cảnh báo nào chờ xác nhận.</p>
        ) : (
          <ul className="alert-list">
            {list.open.map((alert) => (
              <li key={alert.id}>
                <p>
                  <strong>{alert.subject}</strong> · {dateTime(alert.raisedAt)}
                </p>
                <p>{alert.message}</p>
                <AcknowledgeForm alert={alert} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {list && list.history.length > 0 ? (
        <section className="card" aria-labelledby="h-alert-history">
          <h2 id="h-alert-history">Lịch sử cảnh báo đã xác nhận</h2>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Lúc</th>
                  <th scope="col">Quầy hoặc cán bộ</th>
                  <th scope="col">Cảnh báo</th>
                  <th scope="col">Xác nhận</th>
                  <th scope="col">Nhận xét</th>
                </tr>
              </thead>
              <tbody>
                {list.history.map((alert) => (
                  <tr key={alert.id}>
                    <td>{dateTime(alert.raisedAt)}</td>
                    <th scope="row">{alert.subject}</th>
                    <td>{alert.message}</td>
                    <td>
                      {alert.acknowledgedBy} · {dateTime(alert.acknowledgedAt)}
                    </td>
                    <td>{alert.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
