import { DomainError } from '../../shared/contract/result.ts';
import { formatTimeVi } from '../../shared/domain/vietnam-time.ts';
import type { Db } from './database.ts';
import { verifySecret } from './pin-hash.ts';

export interface PinPolicy {
  maxFailures: number;
  lockoutMs: number;
}

export const DEFAULT_PIN_POLICY: PinPolicy = { maxFailures: 5, lockoutMs: 5 * 60_000 };

/** Verifies PINs and locks a subject (an officer, or the technician) after repeated failures. */
export class PinGuard {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly policy: PinPolicy = DEFAULT_PIN_POLICY,
  ) {}

  /** Throws `locked_out` or `wrong_pin`; resets the counter on success. */
  async check(subject: string, pin: string, storedHash: string | null): Promise<void> {
    this.refuseIfLocked(subject);
    const valid = storedHash !== null && (await verifySecret(pin, storedHash));
    // Read again after the await: guesses sent together must count one by one, and a lock
    // set by one of them meanwhile holds for the rest, the right PIN included.
    const { attempts, nowMs } = this.refuseIfLocked(subject);
    if (valid) {
      this.db.prepare('DELETE FROM pin_attempts WHERE subject = ?').run(subject);
      return;
    }
    // A lock that has expired starts a fresh count.
    const failures = (attempts?.locked_until_ms ? 0 : (attempts?.failures ?? 0)) + 1;
    const locked = failures >= this.policy.maxFailures;
    this.db
      .prepare(
        `INSERT INTO pin_attempts (subject, failures, locked_until_ms) VALUES (?, ?, ?)
         ON CONFLICT (subject) DO UPDATE SET failures = excluded.failures, locked_until_ms = excluded.locked_until_ms`,
      )
      .run(subject, locked ? 0 : failures, locked ? nowMs + this.policy.lockoutMs : null);
    if (locked) {
      throw new DomainError(
        'locked_out',
        `Nhập sai mã PIN ${this.policy.maxFailures} lần. Đăng nhập tạm khóa đến ${formatTimeVi(new Date(nowMs + this.policy.lockoutMs))}.`,
      );
    }
    throw new DomainError('wrong_pin', `Mã PIN không đúng. Còn ${this.policy.maxFailures - failures} lần thử.`);
  }

  private refuseIfLocked(subject: string) {
    const attempts = this.db
      .prepare<[string], { failures: number; locked_until_ms: number | null }>(
        'SELECT failures, locked_until_ms FROM pin_attempts WHERE subject = ?',
      )
      .get(subject);
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
