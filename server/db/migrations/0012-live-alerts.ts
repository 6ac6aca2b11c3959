import type { ServerMigration } from './migration.ts';

/**
 * Alerts raised while the citizen is still in the building (issue 11 §6): a counter with many
 * low ratings in the last minutes, an officer whose tickets are rarely rated today. Kept after
 * a supervisor acknowledges them with a comment: that is the alerts history. `dedupe_key` is
 * unique, so two servers' evaluations (or a retried one) never raise the same alert twice.
 */
export const m0012LiveAlerts: ServerMigration = {
  name: '0012-live-alerts',
  async up(db) {
    await db.schema
      .createTable('live_alerts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('counter_id', 'text')
      .addColumn('officer_id', 'text')
      .addColumn('agency_id', 'text')
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('raised_at', 'text', (c) => c.notNull())
      .addColumn('raised_ms', 'bigint', (c) => c.notNull())
      .addColumn('acknowledged_at', 'text')
      .addColumn('acknowledged_by', 'text')
      .addColumn('comment', 'text')
      .execute();
    await db.schema.createIndex('live_alerts_by_time').on('live_alerts').columns(['raised_ms']).execute();
    // The rule looks at one counter's ratings over the last minutes.
    await db.schema
      .createIndex('ratings_by_counter_time')
      .on('ratings')
      .columns(['counter_id', 'occurred_ms'])
      .execute();
  },
};
