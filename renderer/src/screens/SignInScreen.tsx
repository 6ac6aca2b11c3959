import { useKiosk } from '../store/kiosk-context.ts';

/** The officer picks their own name; the PIN comes next. */
export function SignInScreen() {
  const officers = useKiosk((s) => s.kiosk?.officers ?? []);
  const go = useKiosk((s) => s.go);
  const goIdle = useKiosk((s) => s.goIdle);
  return (
    <main className="screen screen--sign-in" data-screen="signIn">
      <h1 className="screen-title">Cán bộ đăng nhập: chọn tên của mình</h1>
      <div className="officer-list">
        {officers.map((officer) => (
          <button
            key={officer.id}
            type="button"
            className="officer-choice"
            onClick={() => go({ name: 'officerPin', officerId: officer.id })}
          >
            <span className="officer-choice__name">{officer.fullName}</span>
            <span className="officer-choice__agency">{officer.agencyName}</span>
          </button>
        ))}
      </div>
      <div className="screen-actions">
        <button type="button" className="button button--secondary" onClick={goIdle}>
          Quay lại
        </button>
      </div>
    </main>
  );
}
