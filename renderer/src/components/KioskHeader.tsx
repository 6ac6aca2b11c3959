import { useKiosk } from '../store/kiosk-context.ts';

/** Centre and counter, on top of every screen, so the citizen knows where they are. */
export function KioskHeader() {
  const centreName = useKiosk((s) => s.kiosk?.centreName ?? '');
  const counterName = useKiosk((s) =>
    s.kiosk?.queue.role === 'entrance' ? 'Lấy số thứ tự' : (s.kiosk?.counter?.name ?? 'Kiosk chưa được gán quầy'),
  );
  return (
    <header className="kiosk-header">
      <p className="kiosk-header__centre">{centreName}</p>
      <p className="kiosk-header__counter">{counterName}</p>
    </header>
  );
}
