import type { ServerMigration } from './migration.ts';

/**
 * Issue 11, what remained:
 * - `devices.rating_voice`: the console switches a kiosk's spoken rating invitation on or off
 *   (1/0), delivered with its assignment; null leaves it to the technician's switch on the kiosk.
 * - `phone_throttle`: the phone page's limits per address and per token, counted in the database
 *   (as `login_throttle` counts logins) so that several server processes share one count.
 */
export const m0023KioskVoicePhoneLimits: ServerMigration = {
  name: '0023-kiosk-voice-phone-limits',
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
  },
};
