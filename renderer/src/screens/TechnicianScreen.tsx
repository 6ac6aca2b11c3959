import { useKiosk } from '../store/kiosk-context.ts';
import { TechnicianSyncSection } from './TechnicianSyncSection.tsx';

/** For the IT officer: which counter this kiosk serves, and leaving kiosk mode. */
export function TechnicianScreen({ error, notice }: { error?: string | undefined; notice?: string | undefined }) {
  const counters = useKiosk((s) => s.kiosk?.counters ?? []);
  const currentId = useKiosk((s) => s.kiosk?.counter?.id ?? null);
  const busy = useKiosk((s) => s.busy);
  const setCounter = useKiosk((s) => s.setCounter);
  const exitKiosk = useKiosk((s) => s.exitKiosk);
  const voice = useKiosk((s) => s.kiosk?.queue.ratingVoice ?? true);
  const voiceFromConsole = useKiosk((s) => s.kiosk?.settings.ratingVoiceFromConsole ?? false);
  const setRatingVoice = useKiosk((s) => s.setRatingVoice);
  const goIdle = useKiosk((s) => s.goIdle);
  return (
    <main className="screen screen--technician" data-screen="technician">
      <h1 className="screen-title">Kỹ thuật: cài đặt kiosk</h1>
      <section className="technician-section" aria-labelledby="counter-title">
        <h2 id="counter-title" className="section-title">
          Quầy của kiosk này
        </h2>
        <div className="counter-list">
          {counters.map((counter) => (
            <button
              key={counter.id}
              type="button"
              className="counter-choice"
              aria-pressed={counter.id === currentId}
              disabled={busy}
              onClick={() => void setCounter(counter.id)}
            >
              {counter.name}
            </button>
          ))}
        </div>
      </section>
      <section className="technician-section" aria-labelledby="voice-title">
        <h2 id="voice-title" className="section-title">
          Lời mời đánh giá bằng giọng nói
        </h2>
        <button
          type="button"
          className="counter-choice"
          aria-pressed={voice}
          data-rating-voice={voice ? 'on' : 'off'}
          disabled={busy || voiceFromConsole}
          aria-describedby={voiceFromConsole ? 'voice-from-console' : undefined}
          onClick={() => void setRatingVoice(!voice)}
        >
          {voiceFromConsole
            ? voice
              ? 'Đang bật'
              : 'Đang tắt'
            : voice
              ? 'Đang bật: bấm để tắt'
              : 'Đang tắt: bấm để bật'}
        </button>
        {voiceFromConsole && (
          <p id="voice-from-console" className="message message--notice">
            Bảng điều khiển của trung tâm đã đặt mục này cho kiosk; đổi tại trang Kiosk của bảng điều khiển.
          </p>
        )}
      </section>
      <TechnicianSyncSection />
      <p className="message message--notice" role="status">
        {notice}
      </p>
      <p className="message message--error" role="alert">
        {error}
      </p>
      <div className="screen-actions">
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void exitKiosk()}>
          Thoát chế độ kiosk
        </button>
        <button type="button" className="button button--primary" onClick={goIdle}>
          Về màn hình chính
        </button>
      </div>
    </main>
  );
}
