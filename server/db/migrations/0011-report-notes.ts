import type { ServerMigration } from './migration.ts';

/**
 * The `Ghi chú` of an officer's Phụ lục 2 row, entered by a supervisor for one period
 * (issue 10): the same officer may carry "Nghỉ thai sản từ 01/3/2021" in one six-month report
 * and nothing in the next, so the note is keyed by the row and the exact period.
 */
export const m0011ReportNotes: ServerMigration = {
  name: '0011-report-notes',
  async up(db) {
    await db.schema
      .createTable('report_notes')
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('from_day', 'text', (c) => c.notNull())
      .addColumn('to_day', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_notes_pk', ['officer_id', 'agency_id', 'from_day', 'to_day'])
      .execute();
  },
};
