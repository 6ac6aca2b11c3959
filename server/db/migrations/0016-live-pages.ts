import type { ServerMigration } from './migration.ts';

/**
 * Every call and recall of a ticket, one row each, written at ingest beside `queue_tickets`
 * (issue 12 §1): the board and the Today page read the day's calls from here instead of
 * re-reading and re-validating every ticket event of the day on each change.
 * Calls synced before this migration are not copied: the board starts from the next call.
 * With them, the indexes that let the Today page count the day's tickets served and rated per
 * counter from the index alone.
 */
export const m0016LivePages: ServerMigration = {
  name: '0016-live-pages',
  async up(db) {
    await db.schema
      .createTable('queue_calls')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      // Vietnam day of the call (not of the ticket: a ticket issued yesterday may be called today).
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('counter_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('called_at', 'text', (c) => c.notNull())
      .addColumn('called_ms', 'bigint', (c) => c.notNull())
      .execute();
    // The board's latest calls; each counter's and each kiosk's latest call (one index step each).
    await db.schema.createIndex('queue_calls_day_ms').on('queue_calls').columns(['day', 'called_ms']).execute();
    await db.schema
      .createIndex('queue_calls_day_counter')
      .on('queue_calls')
      .columns(['day', 'counter_id', 'called_ms', 'event_id'])
      .execute();
    await db.schema
      .createIndex('queue_calls_day_device')
      .on('queue_calls')
      .columns(['day', 'device_id', 'called_ms', 'counter_id'])
      .execute();
    // The time shown for a ticket being called is its latest call or recall.
    await db.schema.createIndex('queue_calls_ticket').on('queue_calls').columns(['ticket_id', 'called_ms']).execute();
    // The Today page: tickets waiting or being served (few), and tickets issued (counted in index
    // order, grouped as stored, without sorting).
    await db.schema
      .createIndex('queue_tickets_day_status')
      .on('queue_tickets')
      .columns(['day', 'status', 'service_id', 'counter_id', 'pinned_counter_id'])
      .execute();
    await db.schema
      .createIndex('queue_tickets_day_issued')
      .on('queue_tickets')
      .columns(['day', 'transferred_from', 'pinned_counter_id', 'service_id'])
      .execute();
    // Per counter today, grouped in index order: the day's tickets served and ratings (misuse apart).
    await db.schema
      .createIndex('tickets_served_day_counter')
      .on('tickets_served')
      .columns(['day', 'counter_id'])
      .execute();
    await db.schema
      .createIndex('ratings_day_misuse_counter')
      .on('ratings')
      .columns(['day', 'misuse', 'counter_id'])
      .execute();
  },
};
