import { DomainError } from '../../shared/contract/result.ts';
import { formatTimeVi } from '../../shared/domain/vietnam-time.ts';
import type { Db } from './database.ts';
import { openKioskData } from './data/index.ts';
import type { PinAttemptsData } from './data/pin-attempts.ts';
import { verifySecret } from './pin-hash.ts';

export interface PinPolicy {
  maxFailures: number;
  /** The first lock; each further lock without a success in between lasts twice as long… */
  lockoutMs: number;
  /** …up to this. */
  maxLockoutMs: number;
}

/**
 * 5 wrong PINs lock for 1 minute, the next 5 for 2, then 4, 8, capped at 15: a guesser gets
 * about 5 tries a minute at first and fewer after, while anyone tapping at a kiosk can no
 * longer keep an officer out for long with a few taps.
 */
export const DEFAULT_PIN_POLICY: PinPolicy = { maxFailures: 5, lockoutMs: 60_000, maxLockoutMs: 15 * 60_000 };

/** A subject locked out now, and until when. */
export interface PinLock {
  subject: string;
  untilMs: number;
}

/**
 * Verifies PINs and locks a subject (an officer, or the technician) after repeated failures.
 * `failures` counts every wrong PIN since the last success, across locks, so each lock is longer.
 */
export class PinGuard {
  private readonly attempts: PinAttemptsData;

  constructor(
    db: Db,
    private readonly now: () => Date,
    private readonly policy: PinPolicy = DEFAULT_PIN_POLICY,
  ) {
    this.attempts = openKioskData(db).pinAttempts;
  }

  /** Throws `locked_out` or `wrong_pin`; resets the counter on success. */
  async check(subject: string, pin: string, storedHash: string | null): Promise<void> {
    this.refuseIfLocked(subject);
    const valid = storedHash !== null && (await verifySecret(pin, storedHash));
    // Read again after the await: guesses sent together must count one by one, and a lock
    // set by one of them meanwhile holds for the rest, the right PIN included.
    const { attempts, nowMs } = this.refuseIfLocked(subject);
    if (valid) {
      this.attempts.clear(subject);
      return;
    }
    const failures = (attempts?.failures ?? 0) + 1;
    const { maxFailures } = this.policy;
    const lockedUntil = failures % maxFailures === 0 ? nowMs + this.lockoutMs(failures / maxFailures) : null;
    this.attempts.record(subject, failures, lockedUntil);
    if (lockedUntil !== null) {
      throw new DomainError(
        'locked_out',
        `Nhập sai mã PIN ${maxFailures} lần. Đăng nhập tạm khóa đến ${formatTimeVi(new Date(lockedUntil))}.`,
      );
    }
    const left = maxFailures - (failures % maxFailures);
    throw new DomainError('wrong_pin', `Mã PIN không đúng. Còn ${left} lần thử.`);
  }

  /** Every subject locked out at this moment. */
  locks(): PinLock[] {
    return this.attempts.lockedAt(this.now().getTime());
  }

  /** The n-th lock since the last success: the first lock, doubled n−1 times, capped. */
  private lockoutMs(n: number): number {
    const doublings = Math.min(n - 1, 30);
    return Math.min(this.policy.lockoutMs * 2 ** doublings, this.policy.maxLockoutMs);
  }

  private refuseIfLocked(subject: string) {
    const attempts = this.attempts.get(subject);
    const nowMs = this.now().getTime();
    if (attempts?.locked_until_ms && attempts.locked_until_ms > nowMs) {
      throw new DomainError(
        'locked_out',
        `Đăng nhập tạm khóa do nhập sai mã PIN nhiều lần. Vui lòng thử lại sau ${formatTimeVi(new Date(attempts.locked_until_ms))}.`,
      );
    }
    return { attempts, nowMs };
  }
}
