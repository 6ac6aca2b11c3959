import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * Issue 11, what remained:
 * - `devices.rating_voice`: the console switches a kiosk's spoken rating invitation on or off
 *   (1/0), delivered with its assignment; null leaves it to the technician's switch on the kiosk.
 * - `phone_throttle`: the phone page's limits per address and per token, counted in the database
 *   (as `login_throttle` counts logins) so that several server processes share one count.
 * Issue 12 §1: the Today page's day counts as running totals kept at ingest, so a request reads
 * a few rows instead of counting the day's tickets (server/aggregates/definitions.ts):
 * - `counter_daily`: tickets served and ratings (misuse left out) per counter and day;
 * - `issued_daily`: tickets issued (not made by a transfer) per service, pinned counter ('' for
 *   none) and day.
 * Counts are `integer` (numbers on both engines' drivers). Both are filled from the base rows here, so an upgraded centre's day goes on counting.
 */
export const m0023VoicePhoneLimitsDayCounts: ServerMigration = {
  name: '0023-voice-phone-limits-day-counts',
  async up(db) {
    await db.schema.alterTable('devices').addColumn('rating_voice', 'integer').execute();
    await db.schema
      .createTable('phone_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('hits', 'bigint', (c) => c.notNull())
      .addColumn('window_start_ms', 'bigint', (c) => c.notNull())
      // Each key's own window (a minute for status reads, an hour for rating attempts).
      .addColumn('window_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('phone_throttle_window').on('phone_throttle').column('window_start_ms').execute();

    await db.schema
      .createTable('counter_daily')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('counter_id', 'text', (c) => c.notNull())
      .addColumn('served', 'integer', (c) => c.notNull())
      .addColumn('rated', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('counter_daily_pk', ['day', 'counter_id'])
      .execute();
    await sql
      .raw(
        `INSERT INTO counter_daily (day, counter_id, served, rated)
         SELECT day, counter_id, sum(served), sum(rated) FROM (
           SELECT day, counter_id, 1 AS served, 0 AS rated FROM tickets_served
           UNION ALL
           SELECT day, counter_id, 0 AS served, 1 AS rated FROM ratings WHERE misuse = 0 AND counter_id IS NOT NULL
         ) x GROUP BY day, counter_id`,
      )
      .execute(db);
    await db.schema
      .createTable('issued_daily')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('service_id', 'text', (c) => c.notNull())
      .addColumn('pinned_counter_id', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('issued_daily_pk', ['day', 'service_id', 'pinned_counter_id'])
      .execute();
    await sql
      .raw(
        `INSERT INTO issued_daily (day, service_id, pinned_counter_id, n)
         SELECT day, service_id, COALESCE(pinned_counter_id, ''), count(*) FROM queue_tickets
         WHERE transferred_from IS NULL GROUP BY day, service_id, COALESCE(pinned_counter_id, '')`,
      )
      .execute(db);
  },
};
