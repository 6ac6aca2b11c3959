import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** One fixed-window limit on one key: an address, or a token. */
export interface PhoneLimit {
  key: string;
  max: number;
  windowMs: number;
}

/** Expired windows are deleted now and then, so a flood of distinct keys does not keep rows for ever. */
const CLEANUP_EVERY = 500;

/**
 * Fixed-window counters for the public phone page, kept in the database (table phone_throttle,
 * migration 0023) so that every server process in front of one PostgreSQL database shares them,
 * as `login_throttle` does for logins. One atomic upsert per request counts all its keys, so
 * requests sent at once to several processes are each counted.
 */
export class PhoneLimiter {
  private sinceCleanup = 0;

  constructor(private readonly db: Db) {}

  /** Counts one request on every limit; false when any of them has used up its window. */
  async take(limits: readonly PhoneLimit[], nowMs: number): Promise<boolean> {
    const rows = await this.db
      .insertInto('phone_throttle')
      .values(limits.map((l) => ({ key: l.key, hits: 1, window_start_ms: nowMs, window_ms: l.windowMs })))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          hits: sql<number>`CASE WHEN phone_throttle.window_start_ms + phone_throttle.window_ms <= ${nowMs} THEN 1 ELSE phone_throttle.hits + 1 END`,
          window_start_ms: sql<number>`CASE WHEN phone_throttle.window_start_ms + phone_throttle.window_ms <= ${nowMs} THEN ${nowMs} ELSE phone_throttle.window_start_ms END`,
          window_ms: sql<number>`excluded.window_ms`,
        }),
      )
      .returning(['key', 'hits'])
      .execute();
    if ((this.sinceCleanup += 1) >= CLEANUP_EVERY) {
      this.sinceCleanup = 0;
      await this.db
        .deleteFrom('phone_throttle')
        .where(sql<boolean>`window_start_ms + window_ms <= ${nowMs}`)
        .execute();
    }
    return rows.every((row) => row.hits <= limits.find((l) => l.key === row.key)!.max);
  }
}
