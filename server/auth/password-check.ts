import { setTimeout as sleep } from 'node:timers/promises';
import { hashPassword, verifyPassword } from './secret-hash.ts';

/** Verifications waiting for the hashing thread beyond which a login is answered 503 at once. */
export const MAX_PENDING_VERIFICATIONS = 8;

export type PasswordVerdict = 'valid' | 'invalid' | 'busy';

/**
 * Runs password checks on a bounded queue (issue 9 item 2: a flood of random usernames once
 * queued thousands of hashes and a real supervisor's login timed out after 30 s).
 * An unknown username is hashed against a fixed hash only while the queue is empty, so on an
 * idle server it takes as long as a wrong password; under load it waits the typical hashing
 * time without using the thread, and real accounts keep the hashing thread to themselves.
 */
export class PasswordChecker {
  private pending = 0;
  private typicalMs = 300;
  private dummy: Promise<string> | null = null;

  constructor(private readonly maxPending = MAX_PENDING_VERIFICATIONS) {}

  async check(password: string, storedHash: string | undefined): Promise<PasswordVerdict> {
    if (storedHash === undefined && this.pending > 0) {
      await sleep(this.typicalMs);
      return 'invalid';
    }
    if (this.pending >= this.maxPending) return 'busy';
    this.pending += 1;
    const started = performance.now();
    try {
      const hash = storedHash ?? (await (this.dummy ??= hashPassword('không có tài khoản này')));
      const valid = await verifyPassword(password, hash);
      this.typicalMs = Math.round(0.8 * this.typicalMs + 0.2 * (performance.now() - started));
      return valid && storedHash !== undefined ? 'valid' : 'invalid';
    } finally {
      this.pending -= 1;
    }
  }
}
