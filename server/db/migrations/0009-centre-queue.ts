import type { ServerMigration } from './migration.ts';

/**
 * The centre-wide queue (issue 8 §2).
 * - `queue_tickets`: one row per ticket, written at ingest in the same transaction as its
 *   events, so the Today page and the board can read the queue without replaying events.
 * - `queue_feed`: every change of a ticket, in commit order; what the kiosks' held stream
 *   replays from a cursor (`seq`).
 * - `number_leases`: blocks of each service's day sequence leased to issuing devices.
 * - `queue_claims`: a counter's right to call a ticket others could also call; it lapses.
 */
export const m0009CentreQueue: ServerMigration = {
  name: '0009-centre-queue',
  async up(db, backend) {
    await db.schema
      .createTable('queue_tickets')
      .addColumn('ticket_id', 'text', (c) => c.primaryKey())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('service_id', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      // Position in the service's day sequence; NULL for a ticket created by a transfer.
      .addColumn('day_index', 'integer')
      .addColumn('priority', 'text')
      .addColumn('pinned_counter_id', 'text')
      // The counter whose queue it is in (pinned), or that called it; NULL while unpinned and waiting.
      .addColumn('counter_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('issued_ms', 'bigint', (c) => c.notNull())
      .addColumn('called_at', 'text')
      .addColumn('called_ms', 'bigint')
      .addColumn('officer_id', 'text')
      .addColumn('started_at', 'text')
      .addColumn('finished_at', 'text')
      .addColumn('transferred_from', 'text')
      .addColumn('transferred_to', 'text')
      .addColumn('issuing_device', 'text', (c) => c.notNull())
      .addColumn('updated_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('queue_tickets_day_service')
      .on('queue_tickets')
      .columns(['day', 'service_id'])
      .execute();
    // Numbers are unique per service per day across every issuer.
    await db.schema
      .createIndex('queue_tickets_numbering')
      .unique()
      .on('queue_tickets')
      .columns(['service_id', 'day', 'day_index'])
      .execute();

    const feed = db.schema.createTable('queue_feed');
    await (
      backend === 'postgres'
        ? feed.addColumn('seq', 'bigserial', (c) => c.primaryKey())
        : feed.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    )
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('service_id', 'text', (c) => c.notNull())
      .addColumn('pinned_counter_id', 'text')
      .addColumn('counter_id', 'text')
      // The device whose events caused the change: it is not sent back to that device.
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('queue_feed_day').on('queue_feed').columns(['day', 'seq']).execute();

    await db.schema
      .createTable('number_leases')
      .addColumn('service_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('first_index', 'integer', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('granted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('number_leases_pk', ['service_id', 'day', 'first_index'])
      .execute();
    await db.schema.createIndex('number_leases_device').on('number_leases').columns(['device_id', 'day']).execute();

    await db.schema
      .createTable('queue_claims')
      .addColumn('ticket_id', 'text', (c) => c.primaryKey())
      .addColumn('counter_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('expires_ms', 'bigint', (c) => c.notNull())
      .execute();
  },
};
