import { sql } from 'kysely';
import type { Backend, Db } from '../db/database.ts';

/**
 * Daily totals the console reads instead of scanning every served ticket and every rating:
 * tickets served (count, summed wait and service) and ratings given on a ticket, per Vietnam
 * day, officer and agency. Kept by database triggers, so every path that writes the base tables
 * (HTTP sync, `hailong sync import`, a second server on the same database) keeps them right.
 * Created once, with a backfill, in one transaction: a concurrent insert is counted exactly once.
 */
const MARKER = 'console.aggregates.v1';

// A type alias (not an interface) so Kysely's withTables accepts it as a record of tables.
export type ConsoleAggregateSchema = {
  console_ticket_daily: {
    day: string;
    officer_id: string;
    agency_id: string;
    n: number;
    wait_ms: number;
    service_ms: number;
  };
  console_rating_ticket_daily: { day: string; officer_id: string; agency_id: string; n: number };
};

const TABLES = [
  `CREATE TABLE IF NOT EXISTS console_ticket_daily (
     day TEXT NOT NULL, officer_id TEXT NOT NULL, agency_id TEXT NOT NULL,
     n BIGINT NOT NULL, wait_ms BIGINT NOT NULL, service_ms BIGINT NOT NULL,
     PRIMARY KEY (day, officer_id, agency_id))`,
  `CREATE TABLE IF NOT EXISTS console_rating_ticket_daily (
     day TEXT NOT NULL, officer_id TEXT NOT NULL, agency_id TEXT NOT NULL, n BIGINT NOT NULL,
     PRIMARY KEY (day, officer_id, agency_id))`,
];

const TICKET_UPSERT = `INSERT INTO console_ticket_daily (day, officer_id, agency_id, n, wait_ms, service_ms)
  VALUES (NEW.day, NEW.officer_id, NEW.agency_id, 1, NEW.called_ms - NEW.issued_ms, NEW.finished_ms - NEW.started_ms)
  ON CONFLICT (day, officer_id, agency_id) DO UPDATE SET n = console_ticket_daily.n + 1,
    wait_ms = console_ticket_daily.wait_ms + excluded.wait_ms,
    service_ms = console_ticket_daily.service_ms + excluded.service_ms`;
const RATING_UPSERT = `INSERT INTO console_rating_ticket_daily (day, officer_id, agency_id, n)
  VALUES (NEW.day, NEW.officer_id, NEW.agency_id, 1)
  ON CONFLICT (day, officer_id, agency_id) DO UPDATE SET n = console_rating_ticket_daily.n + 1`;

const SQLITE_TRIGGERS = [
  `CREATE TRIGGER IF NOT EXISTS console_ticket_daily_ins AFTER INSERT ON tickets_served BEGIN ${TICKET_UPSERT}; END`,
  `CREATE TRIGGER IF NOT EXISTS console_rating_ticket_daily_ins AFTER INSERT ON ratings
     WHEN NEW.ticket_id IS NOT NULL AND NEW.misuse = 0 BEGIN ${RATING_UPSERT}; END`,
];

const POSTGRES_TRIGGERS = [
  `CREATE OR REPLACE FUNCTION console_ticket_daily_fn() RETURNS trigger AS $$
   BEGIN ${TICKET_UPSERT}; RETURN NULL; END $$ LANGUAGE plpgsql`,
  `CREATE OR REPLACE TRIGGER console_ticket_daily_ins AFTER INSERT ON tickets_served
     FOR EACH ROW EXECUTE FUNCTION console_ticket_daily_fn()`,
  `CREATE OR REPLACE FUNCTION console_rating_ticket_daily_fn() RETURNS trigger AS $$
   BEGIN IF NEW.ticket_id IS NOT NULL AND NEW.misuse = 0 THEN ${RATING_UPSERT}; END IF; RETURN NULL; END $$ LANGUAGE plpgsql`,
  `CREATE OR REPLACE TRIGGER console_rating_ticket_daily_ins AFTER INSERT ON ratings
     FOR EACH ROW EXECUTE FUNCTION console_rating_ticket_daily_fn()`,
];

const BACKFILL = [
  `INSERT INTO console_ticket_daily (day, officer_id, agency_id, n, wait_ms, service_ms)
     SELECT day, officer_id, agency_id, count(*), sum(called_ms - issued_ms), sum(finished_ms - started_ms)
     FROM tickets_served GROUP BY day, officer_id, agency_id`,
  `INSERT INTO console_rating_ticket_daily (day, officer_id, agency_id, n)
     SELECT day, officer_id, agency_id, count(*) FROM ratings
     WHERE ticket_id IS NOT NULL AND misuse = 0 GROUP BY day, officer_id, agency_id`,
];

export async function ensureConsoleAggregates(db: Db, backend: Backend): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const done = await trx.selectFrom('settings').select('value').where('key', '=', MARKER).executeTakeFirst();
    if (done) return;
    for (const statement of TABLES) await sql.raw(statement).execute(trx);
    for (const statement of backend === 'sqlite' ? SQLITE_TRIGGERS : POSTGRES_TRIGGERS)
      await sql.raw(statement).execute(trx);
    await sql.raw('DELETE FROM console_ticket_daily').execute(trx);
    await sql.raw('DELETE FROM console_rating_ticket_daily').execute(trx);
    for (const statement of BACKFILL) await sql.raw(statement).execute(trx);
    await trx.insertInto('settings').values({ key: MARKER, value: '1' }).execute();
  });
}
