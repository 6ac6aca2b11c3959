import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * Phụ lục 2 per centre at a province's volume (issue 13 §3):
 * - `rating_daily_by_officer`: a centre's report reads its officers' days by index, not the
 *   province's whole period (the key starts with the day);
 * - `ratings_phone_by_day`: the phone ratings a centre leaves out of its annex are a small share
 *   of `ratings`, found without scanning the period's kiosk ratings;
 * - an officer id that has ratings but no officer row (data older than the ingest's check) gets a
 *   stay at the first centre, where the reports already counted it: every rating's centre is
 *   then found through `officer_centres` alone.
 */
export const m0025AnnexByCentre: ServerMigration = {
  name: '0025-annex-by-centre',
  async up(db) {
    await db.schema.createIndex('rating_daily_by_officer').on('rating_daily').columns(['officer_id', 'day']).execute();
    await db.schema
      .createIndex('ratings_phone_by_day')
      .on('ratings')
      .column('day')
      .where(sql.ref('channel'), '=', 'phone')
      .execute();
    await sql`
      INSERT INTO officer_centres (id, officer_id, centre_id, from_day, to_day)
      SELECT u.officer_id || '/c-first', u.officer_id, (SELECT min(id) FROM centres), NULL, NULL
      FROM (SELECT DISTINCT officer_id FROM rating_daily) u
      WHERE NOT EXISTS (SELECT 1 FROM officers o WHERE o.id = u.officer_id)
        AND NOT EXISTS (SELECT 1 FROM officer_centres c WHERE c.officer_id = u.officer_id)`.execute(db);
  },
};
