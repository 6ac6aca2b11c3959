import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * Rating levels are never deleted, only made inactive: a kiosk offline for months may still send
 * ratings of a level the scale no longer has. Codes already dropped by an older server but present
 * in the counts come back as inactive levels (labelled with their code), so they are accepted and
 * reported again.
 */
export const m0005RatingLevelsActive: ServerMigration = {
  name: '0005-rating-levels-active',
  async up(db) {
    await db.schema
      .alterTable('rating_levels')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await sql
      .raw(
        `INSERT INTO rating_levels (code, label, sort_order, low, active)
         SELECT d.level, d.level, (SELECT coalesce(max(sort_order), 0) + 1 FROM rating_levels), 0, 0
         FROM (SELECT DISTINCT level FROM rating_daily) d
         WHERE d.level NOT IN (SELECT code FROM rating_levels)`,
      )
      .execute(db);
  },
};
