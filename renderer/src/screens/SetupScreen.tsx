import { useState } from 'react';
import { useKiosk } from '../store/kiosk-context.ts';
import '../styles/technician-sync.css';
import { EnrolForm } from './EnrolForm.tsx';

/**
 * What a kiosk shows until the centre has set it up (issue 8 §1): never enrolled, it asks for
 * the server address and a one-time enrolment code (no PIN: it belongs to no server yet);
 * enrolled but not assigned, it says plainly that it waits for the console.
 */
export function SetupScreen() {
  const kiosk = useKiosk((s) => s.kiosk);
  const invoke = useKiosk((s) => s.invoke);
  const [error, setError] = useState<string | null>(null);
  if (!kiosk) return null;

  const enroll = async (serverUrl: string, code: string): Promise<boolean> => {
    setError(null);
    const result = await invoke('sync:enroll', { serverUrl, code });
    if (!result.ok) setError(result.error.message);
    return result.ok;
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
      <EnrolForm submitLabel="Đăng ký kiosk" enroll={enroll} />
      <p className="message message--error" aria-live="assertive">
        {error}
      </p>
    </main>
  );
}
