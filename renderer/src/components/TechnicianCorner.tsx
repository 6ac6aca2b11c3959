import { useRef } from 'react';
import { useKiosk } from '../store/kiosk-context.ts';

const TAPS = 5;
const WINDOW_MS = 3000;

/** The hidden way to the technician screen: five taps within three seconds on the top-left corner. */
export function TechnicianCorner() {
  const go = useKiosk((s) => s.go);
  const taps = useRef<number[]>([]);
  const onTap = (): void => {
    const now = performance.now();
    taps.current = [...taps.current.filter((t) => now - t < WINDOW_MS), now];
    if (taps.current.length >= TAPS) {
      taps.current = [];
      go({ name: 'technicianPin' });
    }
  };
  return (
    <button type="button" className="technician-corner" aria-label="Khu vực kỹ thuật" tabIndex={-1} onClick={onTap} />
  );
}
