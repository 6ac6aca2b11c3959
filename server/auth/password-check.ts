import { setTimeout as sleep } from 'node:timers/promises';
import { hashPassword, verifyPassword } from './secret-hash.ts';

/** Verifications waiting for the hashing thread beyond which a login is answered 503 at once. */
export const MAX_PENDING_VERIFICATIONS = 8;

export type PasswordVerdict = 'valid' | 'invalid' | 'busy';

/**
 * Runs password checks on a bounded queue (issue 9 item 2: a flood of random usernames once
 * queued thousands of hashes and a real supervisor's login timed out after 30 s).
 * An unknown username costs no hashing once the typical hashing time is known: it waits that
 * long (±10 %) without using the thread, so it answers like a wrong password and real accounts
 * keep the hashing thread to themselves. Until then (a server that has checked nothing yet) it
 * is hashed against a fixed hash when the thread is free, which measures the time.
 */
export class PasswordChecker {
  private pending = 0;
  private typicalMs = 300;
  private measured = false;
  private dummy: Promise<string> | null = null;

  constructor(private readonly maxPending = MAX_PENDING_VERIFICATIONS) {}

  /** True when a check would be refused as busy: the caller answers 503 before any other work. */
  get saturated(): boolean {
    return this.pending >= this.maxPending;
  }

  async check(password: string, storedHash: string | undefined): Promise<PasswordVerdict> {
    if (storedHash === undefined && (this.measured || this.pending > 0)) {
      await sleep(Math.round(this.typicalMs * (0.9 + Math.random() * 0.2)));
      return 'invalid';
    }
    if (this.pending >= this.maxPending) return 'busy';
    this.pending += 1;
    const started = performance.now();
    try {
      const hash = storedHash ?? (await (this.dummy ??= hashPassword('không có tài khoản này')));
      const valid = await verifyPassword(password, hash);
      const tookMs = performance.now() - started;
      this.typicalMs = this.measured ? Math.round(0.8 * this.typicalMs + 0.2 * tookMs) : Math.round(tookMs);
      this.measured = true;
      return valid && storedHash !== undefined ? 'valid' : 'invalid';
    } finally {
      this.pending -= 1;
    }
  }
}
