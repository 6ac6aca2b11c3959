import { useKiosk } from '../store/kiosk-context.ts';

/** Asks before signing the officer out, so a stray tap does not end their duty. */
export function SignOutScreen({ error }: { error?: string | undefined }) {
  const officer = useKiosk((s) => s.kiosk?.officer ?? null);
  const busy = useKiosk((s) => s.busy);
  const signOut = useKiosk((s) => s.signOut);
  const goIdle = useKiosk((s) => s.goIdle);
  return (
    <main className="screen screen--sign-out" data-screen="signOut">
      <h1 className="screen-title">
        {officer ? `Đăng xuất cán bộ ${officer.fullName} khỏi quầy?` : 'Quầy chưa có cán bộ đăng nhập.'}
      </h1>
      <p className="screen-subtitle">
        Sau khi đăng xuất, kiosk chưa ghi nhận đánh giá cho đến khi có cán bộ đăng nhập.
      </p>
      <p className="message message--error" role="alert">
        {error}
      </p>
      <div className="screen-actions">
        <button type="button" className="button button--secondary" onClick={goIdle}>
          Huỷ
        </button>
        {officer && (
          <button type="button" className="button button--danger" disabled={busy} onClick={() => void signOut()}>
            Đăng xuất
          </button>
        )}
      </div>
    </main>
  );
}
