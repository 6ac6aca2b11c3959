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

/** Entries a memory map may hold before it drops its oldest (the database stays authoritative). */
const MEMORY_ENTRIES = 50_000;

/** Sets a key in an insertion-ordered map, dropping the oldest entry when it is full. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= MEMORY_ENTRIES) map.delete(map.keys().next().value!);
  map.set(key, value);
}

export class LoginLimiter {
  private sinceCleanup = 0;
  /**
   * Keys the database refused, until when: checked before any write, so a flood against a
   * blocked account or address costs no commit. Only a cache: losing an entry (eviction, a
   * restart) sends the next attempt to the database, which refuses it again.
   */
  private readonly blockedUntil = new Map<string, number>();
  /**
   * Attempts on usernames that do not exist, counted in memory only (issue 9 item 2: a flood of
   * random usernames must not cost a commit each). No account can be unlocked by losing these;
   * they keep the same limits so that a 429 does not tell a real username from an invented one.
   */
  private readonly unknownAttempts = new Map<string, { attempts: number; windowStartMs: number }>();

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

  /** Refused at once when memory knows a key is blocked; no database work. */
  private cachedRefusal(keys: readonly Key[], nowMs: number): Reservation | null {
    let until = 0;
    for (const { key } of keys) {
      const blocked = this.blockedUntil.get(key);
      if (blocked === undefined) continue;
      if (blocked <= nowMs) this.blockedUntil.delete(key);
      else until = Math.max(until, blocked);
    }
    return until > 0 ? { ok: false, retryAfterMs: until - nowMs } : null;
  }

  /** An attempt on a username that has no account: counted in memory, same keys and limits. */
  reserveUnknown(username: string, ip: string, nowMs: number): Reservation {
    const keys = this.keys(username, ip);
    const cached = this.cachedRefusal(keys, nowMs);
    if (cached) return cached;
    let retryAfterMs = 0;
    for (const { key, limit } of keys) {
      const current = this.unknownAttempts.get(key);
      const entry =
        current && current.windowStartMs > nowMs - this.windowMs
          ? { attempts: current.attempts + 1, windowStartMs: current.windowStartMs }
          : { attempts: 1, windowStartMs: nowMs };
      remember(this.unknownAttempts, key, entry);
      if (entry.attempts > limit) {
        const until = entry.windowStartMs + this.windowMs;
        remember(this.blockedUntil, key, until);
        retryAfterMs = Math.max(retryAfterMs, until - nowMs);
      }
    }
    return retryAfterMs > 0 ? { ok: false, retryAfterMs } : { ok: true };
  }

  /** Counts one attempt on every key; refused when any key is already over its limit. */
  async reserve(username: string, ip: string, nowMs: number): Promise<Reservation> {
    const expired = nowMs - this.windowMs;
    const keys = this.keys(username, ip);
    const cached = this.cachedRefusal(keys, nowMs);
    if (cached) return cached;
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
        const until = row.window_start_ms + this.windowMs;
        remember(this.blockedUntil, row.key, until);
        retryAfterMs = Math.max(retryAfterMs, until - nowMs);
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
