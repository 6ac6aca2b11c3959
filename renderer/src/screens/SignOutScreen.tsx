import { PinEntry } from '../components/PinEntry.tsx';
import { useKiosk } from '../store/kiosk-context.ts';

/**
 * Signing out from the citizen's screen takes the officer's own PIN: a citizen who taps
 * `Đăng xuất` cannot end the officer's duty, after which no rating would be recorded.
 */
export function SignOutScreen({ error }: { error?: string | undefined }) {
  const officer = useKiosk((s) => s.kiosk?.officer ?? null);
  const busy = useKiosk((s) => s.busy);
  const signOut = useKiosk((s) => s.signOut);
  const goIdle = useKiosk((s) => s.goIdle);
  if (!officer) {
    return (
      <main className="screen screen--sign-out" data-screen="signOut">
        <h1 className="screen-title">Quầy chưa có cán bộ đăng nhập.</h1>
        <p className="message message--error" role="alert">
          {error}
        </p>
        <div className="screen-actions">
          <button type="button" className="button button--secondary" onClick={goIdle}>
            Quay lại
          </button>
        </div>
      </main>
    );
  }
  return (
    <main className="screen screen--pin screen--sign-out" data-screen="signOut">
      <PinEntry
        title={`Cán bộ ${officer.fullName}: nhập mã PIN để đăng xuất`}
        submitLabel="Đăng xuất"
        busy={busy}
        onSubmit={signOut}
        onBack={goIdle}
      />
    </main>
  );
}
