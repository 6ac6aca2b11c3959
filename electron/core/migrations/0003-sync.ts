import type { Migration } from './migration.ts';

/**
 * Marks events the server refused. They stay in the outbox (nothing recorded is ever
 * deleted) but are left out of the next batches until the kiosk receives a newer
 * configuration, the usual cure for an unknown officer or level, so a refusal never turns
 * into a hot retry loop.
 */
export const m0003Sync: Migration = {
  version: 3,
  name: '0003-sync',
  up(db) {
    db.exec(`
      ALTER TABLE events ADD COLUMN rejected_reason TEXT;
      ALTER TABLE events ADD COLUMN rejected_at TEXT;
      ALTER TABLE events ADD COLUMN rejected_config_version INTEGER;
      CREATE INDEX events_rejected ON events (seq) WHERE sent_at IS NULL AND rejected_reason IS NOT NULL;
    `);
  },
};
