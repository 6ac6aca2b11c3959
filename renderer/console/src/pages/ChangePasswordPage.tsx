import { useState, type SyntheticEvent } from 'react';
import { api, errorText, logout } from '../api.ts';
import { LabelledInput } from '../components/LabelledInput.tsx';
import { useSession } from '../session-store.ts';

/**
 * Shown before anything else while the password is one someone else chose (an admin created
 * the account or set the password, or `hailong server reset-password` printed it): the server
 * refuses every other request until it is replaced.
 */
export function ChangePasswordPage() {
  const session = useSession((s) => s.session);
  const signedIn = useSession((s) => s.signedIn);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (next !== again) {
      setError('Hai lần nhập mật khẩu mới không giống nhau.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('/api/v1/auth/password', { method: 'POST', json: { currentPassword: current, newPassword: next } });
      if (session) signedIn({ ...session, mustChangePassword: false });
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>Đổi mật khẩu</h1>
        <p className="muted">
          Tài khoản <strong>{session?.username}</strong> đang dùng mật khẩu do quản trị viên đặt hoặc vừa được cấp lại.
          Hãy đặt mật khẩu của riêng mình (ít nhất 10 ký tự) trước khi tiếp tục.
        </p>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <LabelledInput
          id="current-password"
          label="Mật khẩu hiện tại"
          type="password"
          autoComplete="current-password"
          value={current}
          onValue={setCurrent}
          autoFocus
        />
        <LabelledInput
          id="new-password"
          label="Mật khẩu mới"
          type="password"
          autoComplete="new-password"
          value={next}
          onValue={setNext}
        />
        <LabelledInput
          id="new-password-again"
          label="Nhập lại mật khẩu mới"
          type="password"
          autoComplete="new-password"
          value={again}
          onValue={setAgain}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Đổi mật khẩu'}
        </button>
        <button type="button" onClick={() => void logout()}>
          Đăng xuất
        </button>
      </form>
    </main>
  );
}
