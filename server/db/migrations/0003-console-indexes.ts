import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * Indexes the console's live and period queries need. IF NOT EXISTS: a database where an
 * earlier server created them at start-up is adopted as is.
 */
export const m0003ConsoleIndexes: ServerMigration = {
  name: '0003-console-indexes',
  async up(db) {
    const s = db.schema;
    await s.createIndex('console_events_by_time').ifNotExists().on('events').column('occurred_ms').execute();
    await s
      .createIndex('console_duty_by_counter')
      .ifNotExists()
      .on('duty_events')
      .columns(['counter_id', 'occurred_ms'])
      .execute();
    await s
      .createIndex('console_duty_by_device')
      .ifNotExists()
      .on('duty_events')
      .columns(['device_id', 'occurred_ms'])
      .execute();
    // Partial: only ratings that carry reasons, so the index stays small.
    await s
      .createIndex('console_ratings_with_reasons')
      .ifNotExists()
      .on('ratings')
      .column('day')
      .where(sql.ref('reasons'), 'is not', null)
      .execute();
    // Every column the period queries read, so a year of daily counts is read from the index alone.
    await s
      .createIndex('console_rating_daily_cover')
      .ifNotExists()
      .on('rating_daily')
      .columns(['day', 'misuse', 'level', 'officer_id', 'agency_id', 'n'])
      .execute();
  },
};
