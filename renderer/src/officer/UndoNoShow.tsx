import { useEffect, useState } from 'react';
import type { OfficerView } from '../../../shared/contract/queue-channels.ts';

/**
 * The way back from a mistaken `Vắng mặt`: offered until the window the kiosk gives ends (or
 * the next call, after which the kiosk stops offering it). The countdown is only a guide; the
 * kiosk decides, and says so if the officer was too late.
 */
export function UndoNoShow({
  undo,
  disabled,
  onUndo,
}: {
  undo: OfficerView['undoNoShow'];
  disabled: boolean;
  onUndo: (ticketId: string, number: string) => void;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!undo) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [undo]);
  if (!undo) return null;
  const seconds = Math.ceil((new Date(undo.until).getTime() - now) / 1000);
  if (seconds <= 0) return null;
  return (
    <div className="officer__undo" role="group" aria-label="Hoàn tác vắng mặt">
      <button
        type="button"
        className="button button--secondary officer-action officer-action--undo"
        disabled={disabled}
        onClick={() => onUndo(undo.ticketId, undo.number)}
      >
        Hoàn tác vắng mặt số {undo.number}
      </button>
      <span className="officer__undo-time">còn {seconds} giây</span>
    </div>
  );
}
