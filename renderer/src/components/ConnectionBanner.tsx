import { useKiosk } from '../store/kiosk-context.ts';

/** A quiet line at the bottom while the link to the kiosk core is down; it reconnects by itself. */
export function ConnectionBanner() {
  const connected = useKiosk((s) => s.connected);
  if (connected) return null;
  return (
    <div className="connection-banner" role="status">
      Mất kết nối với kiosk… Đang thử kết nối lại.
    </div>
  );
}
