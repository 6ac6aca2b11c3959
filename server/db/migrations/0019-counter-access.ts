import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * Who may sign in at which counter (issue 9 item 5): a counter serves one or more agencies and
 * may name extra officers. A counter kiosk receives only those officers' PIN hashes. Existing
 * counters are linked to every existing agency, so an upgraded centre keeps working exactly as
 * before until an admin narrows each counter in the console.
 */
export const m0019CounterAccess: ServerMigration = {
  name: '0019-counter-access',
  async up(db) {
    await db.schema
      .createTable('counter_agencies')
      .addColumn('counter_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('counter_agencies_pk', ['counter_id', 'agency_id'])
      .execute();
    await db.schema
      .createTable('counter_officers')
      .addColumn('counter_id', 'text', (c) => c.notNull())
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('counter_officers_pk', ['counter_id', 'officer_id'])
      .execute();
    await sql
      .raw(
        `INSERT INTO counter_agencies (counter_id, agency_id)
         SELECT c.id, a.id FROM counters c CROSS JOIN agencies a`,
      )
      .execute(db);
  },
};
