import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * Which agency an officer belonged to over which days (both ends included, null = open), so a
 * past period's Phụ lục 2 lists the officers as they were then. Backfilled from the officers'
 * current rows; an officer made inactive without an end date is kept up to the last day they
 * were rated (no day is known for one never rated, who is left out as before).
 */
export const m0006OfficerAssignments: ServerMigration = {
  name: '0006-officer-assignments',
  async up(db) {
    await db.schema
      .createTable('officer_assignments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('from_day', 'text')
      .addColumn('to_day', 'text')
      .execute();
    await db.schema
      .createIndex('officer_assignments_by_officer')
      .on('officer_assignments')
      .columns(['officer_id', 'from_day'])
      .execute();
    await sql
      .raw(
        `INSERT INTO officer_assignments (id, officer_id, agency_id, from_day, to_day)
         SELECT x.officer_id || '/1', x.officer_id, x.agency_id, x.from_day, x.to_day FROM (
           SELECT o.id AS officer_id, o.agency_id, o.active_from AS from_day,
             CASE WHEN o.active = 1 OR o.active_to IS NOT NULL THEN o.active_to
               ELSE (SELECT max(r.day) FROM ratings r WHERE r.officer_id = o.id AND r.agency_id = o.agency_id)
             END AS to_day,
             o.active, o.active_to
           FROM officers o) x
         WHERE x.active = 1 OR x.active_to IS NOT NULL OR x.to_day IS NOT NULL`,
      )
      .execute(db);
  },
};
