import { useState } from 'react';
import { useKiosk } from '../store/kiosk-context.ts';

/** Optional reasons after a low level; the rating itself is already recorded. */
export function ReasonsScreen({ error }: { error?: string | undefined }) {
  const reasons = useKiosk((s) => s.kiosk?.ratingReasons ?? []);
  const busy = useKiosk((s) => s.busy);
  const sendReasons = useKiosk((s) => s.sendReasons);
  const go = useKiosk((s) => s.go);
  const [chosen, setChosen] = useState<string[]>([]);
  const toggle = (code: string): void =>
    setChosen((c) => (c.includes(code) ? c.filter((x) => x !== code) : [...c, code]));

  return (
    <main className="screen screen--reasons" data-screen="reasons">
      <h1 className="screen-title">Xin ông/bà cho biết lý do chưa hài lòng</h1>
      <p className="screen-subtitle">Có thể chọn nhiều lý do, hoặc bỏ qua.</p>
      <div className="reason-chips" role="group" aria-label="Lý do">
        {[...reasons]
          .sort((a, b) => a.order - b.order)
          .map((reason) => (
            <button
              key={reason.code}
              type="button"
              className="reason-chip"
              aria-pressed={chosen.includes(reason.code)}
              onClick={() => toggle(reason.code)}
            >
              <span className="reason-chip__mark" aria-hidden="true" />
              {reason.label}
            </button>
          ))}
      </div>
      <p className="message message--error" role="alert">
        {error}
      </p>
      <div className="screen-actions">
        <button type="button" className="button button--secondary" onClick={() => go({ name: 'thanks' })}>
          Bỏ qua
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={chosen.length === 0 || busy}
          onClick={() => void sendReasons(chosen)}
        >
          Gửi
        </button>
      </div>
    </main>
  );
}
