import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * `issued_daily` per centre (issue 13 §1): centres that follow the province's services share
 * service ids, so the day's issued tickets of a service are told apart by the centre that issued
 * them (`queue_tickets.centre_id`, migration 0024). The table is a running total of
 * `queue_tickets`: rebuilt here from those base rows, as `hailong server reconcile --fix` would.
 */
export const m0026IssuedByCentre: ServerMigration = {
  name: '0026-issued-by-centre',
  async up(db) {
    await db.schema.dropTable('issued_daily').execute();
    await db.schema
      .createTable('issued_daily')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('centre_id', 'integer', (c) => c.notNull())
      .addColumn('service_id', 'text', (c) => c.notNull())
      .addColumn('pinned_counter_id', 'text', (c) => c.notNull())
      .addColumn('n', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('issued_daily_pk', ['day', 'centre_id', 'service_id', 'pinned_counter_id'])
      .execute();
    await sql
      .raw(
        `INSERT INTO issued_daily (day, centre_id, service_id, pinned_counter_id, n)
         SELECT day, centre_id, service_id, COALESCE(pinned_counter_id, ''), count(*) FROM queue_tickets
         WHERE transferred_from IS NULL GROUP BY day, centre_id, service_id, COALESCE(pinned_counter_id, '')`,
      )
      .execute(db);
  },
};
