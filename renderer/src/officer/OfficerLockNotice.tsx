import { formatDateTimeVi } from '../../../shared/domain/vietnam-time.ts';
import { useEffect, useState } from 'react';
import type { OfficerLock } from '../../../shared/contract/kiosk-state.ts';
import { useKiosk } from '../store/kiosk-context.ts';

const NONE: OfficerLock[] = [];

/** The time now, refreshed every `everyMs`: a lock disappears when it ends, with no new state. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Tells the officer that someone's sign-in is locked after wrong PINs, and until when: a
 * lock set by someone tapping at the kiosk must not look like a broken PIN.
 */
export function OfficerLockNotice() {
  const locks = useKiosk((s) => s.kiosk?.officerLocks ?? NONE);
  const now = useNow(15_000);
  const live = locks.filter((lock) => Date.parse(lock.until) > now);
  if (live.length === 0) return null;
  return (
    <div className="printer-alert printer-alert--warning officer-locks" role="status" data-testid="officer-locks">
      <ul>
        {live.map((lock) => (
          <li key={lock.officerId}>
            Đăng nhập của cán bộ <strong>{lock.fullName}</strong> đang tạm khóa do nhập sai mã PIN nhiều lần, đến{' '}
            <strong>{formatDateTimeVi(new Date(lock.until))}</strong>.
          </li>
        ))}
      </ul>
    </div>
  );
}
