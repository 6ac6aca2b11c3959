import { useState, type SyntheticEvent } from 'react';
import { useKiosk } from '../store/kiosk-context.ts';
import '../styles/technician-sync.css';

/**
 * What a kiosk shows until the centre has set it up (issue 8 §1): never enrolled, it asks for
 * the server address and a one-time enrolment code (no PIN: it belongs to no server yet);
 * enrolled but not assigned, it says plainly that it waits for the console.
 */
export function SetupScreen() {
  const kiosk = useKiosk((s) => s.kiosk);
  const invoke = useKiosk((s) => s.invoke);
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!kiosk) return null;

  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (working) return;
    setWorking(true);
    setError(null);
    try {
      const result = await invoke('sync:enroll', { serverUrl, code });
      if (!result.ok) setError(result.error.message);
    } finally {
      setWorking(false);
    }
  };

  if (kiosk.setup === 'awaiting_assignment') {
    return (
      <main className="screen screen--technician" data-testid="setup-waiting">
        <h1 className="screen-title">Kiosk đang chờ được gán quầy</h1>
        <p className="screen-subtitle">
          Kiosk đã đăng ký với máy chủ {kiosk.sync.serverUrl}. Quản trị viên hãy mở trang «Kiosk» trong bảng điều khiển
          và chọn vai trò, quầy, máy in cho kiosk này; kiosk tự nhận sau vài giây.
        </p>
        {kiosk.sync.deviceId && <p>Mã thiết bị: {kiosk.sync.deviceId}</p>}
        {kiosk.sync.lastError && <p className="message message--error">{kiosk.sync.lastError}</p>}
      </main>
    );
  }

  return (
    <main className="screen screen--technician" data-testid="setup-screen">
      <h1 className="screen-title">Cài đặt kiosk</h1>
      <p className="screen-subtitle">
        Kiosk chưa thuộc máy chủ nào. Nhập địa chỉ máy chủ trung tâm và mã đăng ký do quản trị viên tạo trong bảng điều
        khiển (trang «Kiosk»).
      </p>
      <form className="sync-enrol" noValidate onSubmit={(event) => void submit(event)}>
        <label className="sync-field">
          <span>Địa chỉ máy chủ</span>
          <input
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="http://192.168.1.10:8080"
            value={serverUrl}
            onChange={(event) => setServerUrl(event.target.value)}
          />
        </label>
        <label className="sync-field">
          <span>Mã đăng ký</span>
          <input
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="ABCD-EFGH-JKLM"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </label>
        <div className="sync-buttons">
          <button type="submit" className="button button--primary" disabled={working}>
            Đăng ký kiosk
          </button>
        </div>
      </form>
      <p className="message message--error" aria-live="assertive">
        {error}
      </p>
    </main>
  );
}
