import type { ServerMigration } from './migration.ts';

/**
 * Server hardening (issue 9): the clock correction applied to an event and a rating (null = none)
 * and how many of a device's events were corrected, for the Kiosks page; the login limiter's
 * counters, kept in the database so that neither eviction nor a second process unlocks an account.
 */
export const m0010Hardening: ServerMigration = {
  name: '0010-hardening',
  async up(db) {
    await db.schema.alterTable('events').addColumn('clock_correction_ms', 'bigint').execute();
    await db.schema.alterTable('ratings').addColumn('clock_correction_ms', 'bigint').execute();
    await db.schema
      .alterTable('devices')
      .addColumn('clock_corrected_events', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('devices').addColumn('last_clock_correction_at', 'text').execute();
    await db.schema
      .createTable('login_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('attempts', 'bigint', (c) => c.notNull())
      .addColumn('window_start_ms', 'bigint', (c) => c.notNull())
      .execute();
  },
};
