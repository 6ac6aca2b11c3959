import { useLiveAlerts, useLiveAlertsStream } from '../live-alerts-store.ts';
import { time } from '../format.ts';
import { useSession } from '../session-store.ts';

/** On every page: the alerts not yet acknowledged, newest first, with a way to the Alerts page. */
export function LiveAlertBanner() {
  useLiveAlertsStream();
  // The list itself is selected (a new [] per call would re-render for ever).
  const list = useLiveAlerts((s) => s.list);
  const open = list?.open ?? [];
  const route = useSession((s) => s.route);
  const go = useSession((s) => s.go);
  if (open.length === 0) return null;
  return (
    <section className="live-alerts" aria-label="Cảnh báo chưa xác nhận" aria-live="polite">
      <ul>
        {open.slice(0, 3).map((alert) => (
          <li key={alert.id}>
            <strong>{alert.subject}</strong> · {time(alert.raisedAt)} · {alert.message}
          </li>
        ))}
      </ul>
      {open.length > 3 ? <p>và {open.length - 3} cảnh báo khác.</p> : null}
      {route !== 'alerts' ? (
        <button type="button" className="link" onClick={() => go('alerts')}>
          Xem và xác nhận
        </button>
      ) : null}
    </section>
  );
}
