import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Indexes only the console's live and period queries need. `IF NOT EXISTS` on both engines,
 * created once per server start, so they also appear on a database migrated before the console
 * existed. A partial index keeps the reasons one small: only ratings that carry reasons.
 */
const STATEMENTS = [
  'CREATE INDEX IF NOT EXISTS console_events_by_time ON events (occurred_ms)',
  'CREATE INDEX IF NOT EXISTS console_duty_by_counter ON duty_events (counter_id, occurred_ms)',
  'CREATE INDEX IF NOT EXISTS console_duty_by_device ON duty_events (device_id, occurred_ms)',
  'CREATE INDEX IF NOT EXISTS console_ratings_with_reasons ON ratings (day) WHERE reasons IS NOT NULL',
  // Every column the period queries read, so a year of daily counts is read from the index alone.
  'CREATE INDEX IF NOT EXISTS console_rating_daily_cover ON rating_daily (day, misuse, level, officer_id, agency_id, n)',
];

const done = new WeakSet<object>();

export async function ensureConsoleIndexes(db: Db): Promise<void> {
  if (done.has(db)) return;
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
  done.add(db);
}
