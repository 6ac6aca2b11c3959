import type { ServerMigration } from './migration.ts';

/**
 * Every call and recall of a ticket, one row each, written at ingest beside `queue_tickets`
 * (issue 12 §1): the board and the Today page read the day's calls from here instead of
 * re-reading and re-validating every ticket event of the day on each change.
 * Calls synced before this migration are not copied: the board starts from the next call.
 */
export const m0015QueueCalls: ServerMigration = {
  name: '0015-queue-calls',
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
    // The board's latest calls, and each counter's latest call (index-only).
    await db.schema.createIndex('queue_calls_day_ms').on('queue_calls').columns(['day', 'called_ms']).execute();
    await db.schema
      .createIndex('queue_calls_day_counter')
      .on('queue_calls')
      .columns(['day', 'counter_id', 'called_ms'])
      .execute();
    await db.schema
      .createIndex('queue_calls_day_device')
      .on('queue_calls')
      .columns(['day', 'device_id', 'called_ms'])
      .execute();
    // The time shown for a ticket being called is its latest call or recall.
    await db.schema.createIndex('queue_calls_ticket').on('queue_calls').columns(['ticket_id', 'called_ms']).execute();
    // The Today page counts the day's tickets by status without touching the rows.
    await db.schema
      .createIndex('queue_tickets_day_status')
      .on('queue_tickets')
      .columns(['day', 'status', 'service_id', 'counter_id', 'pinned_counter_id', 'transferred_from'])
      .execute();
  },
};
