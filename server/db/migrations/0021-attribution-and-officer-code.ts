import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * Issue 9 items 8 and 10. `attribution_mismatches`: an event whose (officer, agency) does not
 * match the assignment history on its day; the event is kept, filed under the agency of the
 * history, and listed here for the supervisor. `officers.code`: the officer code (mã cán bộ), a
 * stable key for the staff import (a name is not an identity); unique when set.
 */
export const m0021AttributionAndOfficerCode: ServerMigration = {
  name: '0021-attribution-and-officer-code',
  async up(db) {
    await db.schema
      .createTable('attribution_mismatches')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('sent_agency_id', 'text', (c) => c.notNull())
      .addColumn('filed_agency_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('attribution_mismatches_by_day')
      .on('attribution_mismatches')
      .columns(['day', 'officer_id'])
      .execute();
    await db.schema.alterTable('officers').addColumn('code', 'text').execute();
    // Both engines allow many NULLs in a unique index: only a given code must be unique.
    await sql`CREATE UNIQUE INDEX officers_code_unique ON officers (code)`.execute(db);
  },
};
