import { useKiosk } from '../store/kiosk-context.ts';

/**
 * Across the top of every screen (citizen, technician, officer console) while the kiosk's disk
 * is full: new records are refused until space returns, and everyone in front of it must know.
 */
export function StorageBanner() {
  const message = useKiosk((s) => (s.kiosk?.storage.state === 'full' ? s.kiosk.storage.message : null));
  if (!message) return null;
  return (
    <div className="storage-banner" role="alert" data-testid="storage-full">
      {message}
    </div>
  );
}
