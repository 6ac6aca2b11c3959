import { sql } from 'kysely';
import { rebuildConsoleAggregates } from './0002-console-aggregates.ts';
import type { ServerMigration } from './migration.ts';

const TRIGGERS = [
  ['console_ticket_daily_ins', 'tickets_served', 'console_ticket_daily_fn'],
  ['console_rating_ticket_daily_ins', 'ratings', 'console_rating_ticket_daily_fn'],
  ['console_rating_ticket_daily_served', 'tickets_served', 'console_rating_ticket_daily_served_fn'],
] as const;

/**
 * Every aggregate is kept by one mechanism: application code in the ingest transaction
 * (server/aggregates/keep.ts), as rating_daily always was. The console's triggers from 0002
 * go, and their totals are counted again from the base rows in the same transaction, so the
 * switch neither misses nor double-counts a row.
 */
export const m0013AggregatesInIngest: ServerMigration = {
  name: '0013-aggregates-in-ingest',
  async up(db, backend) {
    for (const [trigger, table, fn] of TRIGGERS) {
      if (backend === 'sqlite') {
        await sql.raw(`DROP TRIGGER IF EXISTS ${trigger}`).execute(db);
      } else {
        await sql.raw(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`).execute(db);
        await sql.raw(`DROP FUNCTION IF EXISTS ${fn}()`).execute(db);
      }
    }
    await rebuildConsoleAggregates(db);
  },
};
