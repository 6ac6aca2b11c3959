import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/** The centre of the device a row names, else of its ticket, else the first centre. */
const DEVICE_CENTRE = (column: string) => `(SELECT d.centre_id FROM devices d WHERE d.id = ${column})`;
const TICKET_CENTRE = (table: string) =>
  `(SELECT t.centre_id FROM queue_tickets t WHERE t.ticket_id = ${table}.ticket_id)`;

/**
 * The centre-wide queue becomes one queue per centre (issue 13 §1): every queue projection
 * records the centre of the device whose events made it, so that a kiosk's stream, a claim,
 * the board and the phone page read only their own centre, and number blocks are leased per
 * (centre, service, day): A-001 exists once at every centre.
 *
 * Existing rows go to their issuing (or calling, or leasing) device's centre; a row whose
 * device is gone, to centre #1, where a single-centre server had it. Nothing is deleted.
 */
export const m0024QueueByCentre: ServerMigration = {
  name: '0024-queue-by-centre',
  async up(db, backend) {
    for (const table of ['queue_tickets', 'queue_feed', 'queue_calls', 'number_leases']) {
      await db.schema
        .alterTable(table)
        .addColumn('centre_id', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    }
    await sql
      .raw(`UPDATE queue_tickets SET centre_id = COALESCE(${DEVICE_CENTRE('queue_tickets.issuing_device')}, 1)`)
      .execute(db);
    // A phone rating's feed entry names no device: its ticket's centre.
    await sql
      .raw(
        `UPDATE queue_feed SET centre_id = COALESCE(${TICKET_CENTRE('queue_feed')}, ${DEVICE_CENTRE('queue_feed.device_id')}, 1)`,
      )
      .execute(db);
    await sql
      .raw(
        `UPDATE queue_calls SET centre_id = COALESCE(${DEVICE_CENTRE('queue_calls.device_id')}, ${TICKET_CENTRE('queue_calls')}, 1)`,
      )
      .execute(db);
    await sql
      .raw(`UPDATE number_leases SET centre_id = COALESCE(${DEVICE_CENTRE('number_leases.device_id')}, 1)`)
      .execute(db);

    // Numbers are unique per centre, service and day.
    await db.schema.dropIndex('queue_tickets_numbering').execute();
    await db.schema
      .createIndex('queue_tickets_numbering')
      .unique()
      .on('queue_tickets')
      .columns(['centre_id', 'service_id', 'day', 'day_index'])
      .execute();
    // A kiosk's stream reads its centre's changes from a cursor; the board its centre's day.
    await db.schema.createIndex('queue_feed_centre').on('queue_feed').columns(['centre_id', 'seq']).execute();
    await db.schema
      .createIndex('queue_calls_centre_day_ms')
      .on('queue_calls')
      .columns(['centre_id', 'day', 'called_ms'])
      .execute();

    // Leases: the key gains the centre. SQLite cannot change a primary key: the table is rebuilt.
    if (backend === 'postgres') {
      await sql`ALTER TABLE number_leases DROP CONSTRAINT number_leases_pk`.execute(db);
      await sql`ALTER TABLE number_leases ADD CONSTRAINT number_leases_pk PRIMARY KEY (centre_id, service_id, day, first_index)`.execute(
        db,
      );
    } else {
      await db.schema
        .createTable('number_leases_new')
        .addColumn('centre_id', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('first_index', 'integer', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('number_leases_pk', ['centre_id', 'service_id', 'day', 'first_index'])
        .execute();
      await sql`INSERT INTO number_leases_new (centre_id, service_id, day, first_index, count, device_id, granted_at)
        SELECT centre_id, service_id, day, first_index, count, device_id, granted_at FROM number_leases`.execute(db);
      await db.schema.dropTable('number_leases').execute();
      await db.schema.alterTable('number_leases_new').renameTo('number_leases').execute();
      await db.schema.createIndex('number_leases_device').on('number_leases').columns(['device_id', 'day']).execute();
    }
  },
};
