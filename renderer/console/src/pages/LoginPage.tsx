import { useState, type SyntheticEvent } from 'react';
import { errorText, login } from '../api.ts';
import { useSession } from '../session-store.ts';
import { LabelledInput } from '../components/LabelledInput.tsx';

export function LoginPage() {
  const notice = useSession((s) => s.loginNotice);
  const signedIn = useSession((s) => s.signedIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('Hãy nhập tên đăng nhập và mật khẩu.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      signedIn(await login(username.trim(), password));
    } catch (failure) {
      setError(errorText(failure));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login" id="main">
      <form className="card login-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>Đăng nhập bảng điều khiển</h1>
        <p className="muted">Trung tâm Phục vụ hành chính công</p>
        {notice && !error ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <LabelledInput
          id="username"
          label="Tên đăng nhập"
          name="username"
          autoComplete="username"
          value={username}
          onValue={setUsername}
          autoFocus
        />
        <LabelledInput
          id="password"
          label="Mật khẩu"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}
