import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Login attempts, counted in the database (table login_throttle, migration 0010) so that no
 * eviction and no second server process resets them. Each attempt is RESERVED before the
 * password is hashed, with one atomic upsert per key, so 200 guesses sent at once are counted
 * as 200 and only the first few are evaluated (issue 9 item 2). Three keys:
 * - the account from one address (a person mistyping): `max` attempts per window;
 * - one address, any account (random usernames from one machine): ADDRESS_FACTOR × max;
 * - one account, any address (a password sprayed from many): ACCOUNT_FACTOR × max.
 * A successful login gives its reservation back; failures stay until the window passes.
 */
export const ADDRESS_FACTOR = 6;
export const ACCOUNT_FACTOR = 10;

export type Reservation = { ok: true } | { ok: false; retryAfterMs: number };

interface Key {
  key: string;
  limit: number;
}

export class LoginLimiter {
  private sinceCleanup = 0;

  constructor(
    private readonly db: Db,
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private keys(username: string, ip: string): Key[] {
    const user = username.trim().toLowerCase();
    return [
      { key: `ua:${ip}/${user}`, limit: this.max },
      { key: `a:${ip}`, limit: this.max * ADDRESS_FACTOR },
      { key: `u:${user}`, limit: this.max * ACCOUNT_FACTOR },
    ];
  }

  /** Counts one attempt on every key; refused when any key is already over its limit. */
  async reserve(username: string, ip: string, nowMs: number): Promise<Reservation> {
    const expired = nowMs - this.windowMs;
    const keys = this.keys(username, ip);
    // One statement for the three keys: one commit (one fsync on SQLite) per attempt under a flood.
    const rows = await this.db
      .insertInto('login_throttle')
      .values(keys.map(({ key }) => ({ key, attempts: 1, window_start_ms: nowMs })))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          attempts: sql<number>`CASE WHEN login_throttle.window_start_ms <= ${expired} THEN 1 ELSE login_throttle.attempts + 1 END`,
          window_start_ms: sql<number>`CASE WHEN login_throttle.window_start_ms <= ${expired} THEN ${nowMs} ELSE login_throttle.window_start_ms END`,
        }),
      )
      .returning(['key', 'attempts', 'window_start_ms'])
      .execute();
    let retryAfterMs = 0;
    for (const row of rows) {
      const limit = keys.find((k) => k.key === row.key)!.limit;
      if (row.attempts > limit) {
        retryAfterMs = Math.max(retryAfterMs, row.window_start_ms + this.windowMs - nowMs);
      }
    }
    if ((this.sinceCleanup += 1) >= 500) {
      this.sinceCleanup = 0;
      await this.db.deleteFrom('login_throttle').where('window_start_ms', '<=', expired).execute();
    }
    return retryAfterMs > 0 ? { ok: false, retryAfterMs } : { ok: true };
  }

  /** The attempt was not a failure (a correct password, or never evaluated): give it back. */
  async release(username: string, ip: string, success: boolean): Promise<void> {
    const [accountAtAddress, ...others] = this.keys(username, ip);
    if (success) await this.db.deleteFrom('login_throttle').where('key', '=', accountAtAddress!.key).execute();
    const giveBack = success ? others : [accountAtAddress!, ...others];
    await this.db
      .updateTable('login_throttle')
      .set({ attempts: sql<number>`CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END` })
      .where(
        'key',
        'in',
        giveBack.map((k) => k.key),
      )
      .execute();
  }
}
