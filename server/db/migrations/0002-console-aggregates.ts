import { sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import type { MigrationBackend, ServerMigration } from './migration.ts';

/**
 * Daily totals the console and the coverage report read instead of scanning every served ticket
 * and every rating: tickets served (count, summed wait and service) and ratings given on a served
 * ticket (misuse excluded), per Vietnam day of the rating, officer and agency. Kept by triggers,
 * so every path that writes the base tables (HTTP sync, `hailong sync import`, a second server on
 * the same database) keeps them right.
 *
 * A rating counts towards coverage once its ticket is in tickets_served, whichever arrives first:
 * the ratings trigger counts it when the ticket is already served, the tickets_served trigger
 * counts the ratings already stored when the ticket's first finish arrives.
 */
const TICKET_UPSERT = `INSERT INTO console_ticket_daily (day, officer_id, agency_id, n, wait_ms, service_ms)
  VALUES (NEW.day, NEW.officer_id, NEW.agency_id, 1, NEW.called_ms - NEW.issued_ms, NEW.finished_ms - NEW.started_ms)
  ON CONFLICT (day, officer_id, agency_id) DO UPDATE SET n = console_ticket_daily.n + 1,
    wait_ms = console_ticket_daily.wait_ms + excluded.wait_ms,
    service_ms = console_ticket_daily.service_ms + excluded.service_ms`;
const RATING_UPSERT = `INSERT INTO console_rating_ticket_daily (day, officer_id, agency_id, n)
  VALUES (NEW.day, NEW.officer_id, NEW.agency_id, 1)
  ON CONFLICT (day, officer_id, agency_id) DO UPDATE SET n = console_rating_ticket_daily.n + 1`;
const RATING_WHEN = `NEW.ticket_id IS NOT NULL AND NEW.misuse = 0
  AND EXISTS (SELECT 1 FROM tickets_served t WHERE t.ticket_id = NEW.ticket_id)`;
const FIRST_FINISH = `NOT EXISTS (SELECT 1 FROM tickets_served t WHERE t.ticket_id = NEW.ticket_id AND t.event_id <> NEW.event_id)`;
const EARLIER_RATINGS = `INSERT INTO console_rating_ticket_daily (day, officer_id, agency_id, n)
  SELECT r.day, r.officer_id, r.agency_id, count(*) FROM ratings r
  WHERE r.ticket_id = NEW.ticket_id AND r.misuse = 0 GROUP BY r.day, r.officer_id, r.agency_id
  ON CONFLICT (day, officer_id, agency_id) DO UPDATE SET n = console_rating_ticket_daily.n + excluded.n`;

const SQLITE_TRIGGERS = [
  // Dropped first: a database from before this migration may hold older versions of them.
  'DROP TRIGGER IF EXISTS console_ticket_daily_ins',
  'DROP TRIGGER IF EXISTS console_rating_ticket_daily_ins',
  'DROP TRIGGER IF EXISTS console_rating_ticket_daily_served',
  `CREATE TRIGGER console_ticket_daily_ins AFTER INSERT ON tickets_served BEGIN ${TICKET_UPSERT}; END`,
  `CREATE TRIGGER console_rating_ticket_daily_ins AFTER INSERT ON ratings WHEN ${RATING_WHEN} BEGIN ${RATING_UPSERT}; END`,
  `CREATE TRIGGER console_rating_ticket_daily_served AFTER INSERT ON tickets_served WHEN ${FIRST_FINISH}
     BEGIN ${EARLIER_RATINGS}; END`,
];

const POSTGRES_TRIGGERS = [
  `CREATE OR REPLACE FUNCTION console_ticket_daily_fn() RETURNS trigger AS $$
   BEGIN ${TICKET_UPSERT}; RETURN NULL; END $$ LANGUAGE plpgsql`,
  `CREATE OR REPLACE TRIGGER console_ticket_daily_ins AFTER INSERT ON tickets_served
     FOR EACH ROW EXECUTE FUNCTION console_ticket_daily_fn()`,
  `CREATE OR REPLACE FUNCTION console_rating_ticket_daily_fn() RETURNS trigger AS $$
   BEGIN IF ${RATING_WHEN} THEN ${RATING_UPSERT}; END IF; RETURN NULL; END $$ LANGUAGE plpgsql`,
  `CREATE OR REPLACE TRIGGER console_rating_ticket_daily_ins AFTER INSERT ON ratings
     FOR EACH ROW EXECUTE FUNCTION console_rating_ticket_daily_fn()`,
  `CREATE OR REPLACE FUNCTION console_rating_ticket_daily_served_fn() RETURNS trigger AS $$
   BEGIN IF ${FIRST_FINISH} THEN ${EARLIER_RATINGS}; END IF; RETURN NULL; END $$ LANGUAGE plpgsql`,
  `CREATE OR REPLACE TRIGGER console_rating_ticket_daily_served AFTER INSERT ON tickets_served
     FOR EACH ROW EXECUTE FUNCTION console_rating_ticket_daily_served_fn()`,
];

/** Recomputes the rated-ticket totals from the base tables (also used after de-duplication in 0004). */
export async function rebuildRatedTickets(db: QueryExecutorProvider): Promise<void> {
  await sql.raw('DELETE FROM console_rating_ticket_daily').execute(db);
  await sql
    .raw(
      `INSERT INTO console_rating_ticket_daily (day, officer_id, agency_id, n)
       SELECT r.day, r.officer_id, r.agency_id, count(*) FROM ratings r
       WHERE r.ticket_id IS NOT NULL AND r.misuse = 0
         AND EXISTS (SELECT 1 FROM tickets_served t WHERE t.ticket_id = r.ticket_id)
       GROUP BY r.day, r.officer_id, r.agency_id`,
    )
    .execute(db);
}

/** Recomputes both daily totals from the base tables (the backfill; also for a bulk load made with triggers off). */
export async function rebuildConsoleAggregates(db: QueryExecutorProvider): Promise<void> {
  await sql.raw('DELETE FROM console_ticket_daily').execute(db);
  await sql
    .raw(
      `INSERT INTO console_ticket_daily (day, officer_id, agency_id, n, wait_ms, service_ms)
       SELECT day, officer_id, agency_id, count(*), sum(called_ms - issued_ms), sum(finished_ms - started_ms)
       FROM tickets_served GROUP BY day, officer_id, agency_id`,
    )
    .execute(db);
  await rebuildRatedTickets(db);
}

async function createTriggers(db: Kysely<unknown>, backend: MigrationBackend) {
  for (const statement of backend === 'sqlite' ? SQLITE_TRIGGERS : POSTGRES_TRIGGERS) {
    await sql.raw(statement).execute(db);
  }
}

export const m0002ConsoleAggregates: ServerMigration = {
  name: '0002-console-aggregates',
  async up(db, backend) {
    // IF NOT EXISTS: a database where an earlier server created these at start-up is adopted.
    await db.schema
      .createTable('console_ticket_daily')
      .ifNotExists()
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull())
      .addColumn('wait_ms', 'bigint', (c) => c.notNull())
      .addColumn('service_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('console_ticket_daily_pk', ['day', 'officer_id', 'agency_id'])
      .execute();
    await db.schema
      .createTable('console_rating_ticket_daily')
      .ifNotExists()
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('console_rating_ticket_daily_pk', ['day', 'officer_id', 'agency_id'])
      .execute();
    await createTriggers(db, backend);
    // Backfill in the same transaction as the triggers: no insert is missed or counted twice.
    await rebuildConsoleAggregates(db);
    // The start-up code this replaces marked its work in settings; the migration table does now.
    await sql.raw(`DELETE FROM settings WHERE key = 'console.aggregates.v1'`).execute(db);
  },
};
