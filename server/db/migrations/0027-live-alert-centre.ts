import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * Issue 13 §1: every live alert belongs to a centre, the centre of the kiosk whose sync raised it,
 * so a centre's supervisor sees and acknowledges only their own. Alerts raised before: the centre
 * of their counter, else of their officer, else the first centre (where a single-centre server had them).
 */
export const m0027LiveAlertCentre: ServerMigration = {
  name: '0027-live-alert-centre',
  async up(db) {
    await db.schema
      .alterTable('live_alerts')
      .addColumn('centre_id', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await sql
      .raw(
        `UPDATE live_alerts SET centre_id = COALESCE(
           (SELECT c.centre_id FROM counters c WHERE c.id = live_alerts.counter_id),
           (SELECT o.centre_id FROM officers o WHERE o.id = live_alerts.officer_id),
           (SELECT min(id) FROM centres), 1)`,
      )
      .execute(db);
    // The console lists a centre's open alerts and latest history by time.
    await db.schema
      .createIndex('live_alerts_by_centre')
      .on('live_alerts')
      .columns(['centre_id', 'raised_ms'])
      .execute();
  },
};
