import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * The rating prompt as a funnel and the dossier code (issue 11 §1, §4). `rating_prompts` holds,
 * per finished ticket, when its prompt was shown and how it ended when it was not rated
 * (declined, timed out, not shown and why); officer, agency and day come from tickets_served.
 * A rating carries the dossier code of its ticket, and one dossier is rated once.
 */
export const m0017RatingFunnel: ServerMigration = {
  name: '0017-rating-funnel',
  async up(db) {
    await db.schema
      .createTable('rating_prompts')
      .addColumn('ticket_id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('counter_id', 'text', (c) => c.notNull())
      .addColumn('prompted_event_id', 'text')
      .addColumn('prompted_ms', 'bigint')
      .addColumn('outcome', 'text')
      .addColumn('reason', 'text')
      .addColumn('outcome_event_id', 'text')
      .addColumn('outcome_ms', 'bigint')
      .execute();
    await db.schema.alterTable('ratings').addColumn('dossier_code', 'text').execute();
    await db.schema.alterTable('tickets_served').addColumn('dossier_code', 'text').execute();
    await db.schema
      .createIndex('ratings_one_per_dossier')
      .unique()
      .on('ratings')
      .column('dossier_code')
      .where(sql.ref('dossier_code'), 'is not', null)
      .execute();
  },
};
