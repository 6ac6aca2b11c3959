import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATION_TABLE, migrateServerDb, openServerDb, type Db } from '../../../server/db/database.ts';
import { m0001Initial } from '../../../server/db/migrations/0001-initial.ts';
import { SERVER_MIGRATIONS } from '../../../server/db/migrations/index.ts';
import type { ServerSchema } from '../../../server/db/schema.ts';
import { keepAggregates, ticketsAlreadyServed } from '../../../server/aggregates/keep.ts';
import { describeDifference, reconcileAggregates } from '../../../server/aggregates/reconcile.ts';
import { BACKENDS, freshDatabase, type TestBackend } from './support.ts';

/** A database driven by hand, so a test can stop it at an older schema version. */
function openRaw(backend: TestBackend, options: { dbFile?: string; databaseUrl?: string }): Db {
  if (backend === 'sqlite')
    return new Kysely<ServerSchema>({ dialect: new SqliteDialect({ database: new Database(options.dbFile) }) });
  return new Kysely<ServerSchema>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.databaseUrl, max: 2 }) }),
  });
}

const num = (v: unknown) => Number(v);

/** What the console totals must be: counted straight from the base tables. */
async function straightTotals(db: Db) {
  const tickets = await sql<{ day: string; officer_id: string; n: unknown; wait: unknown }>`
    SELECT day, officer_id, count(*) AS n, sum(called_ms - issued_ms) AS wait FROM tickets_served
    GROUP BY day, officer_id ORDER BY day, officer_id`.execute(db);
  const rated = await sql<{ day: string; officer_id: string; n: unknown }>`
    SELECT r.day, r.officer_id, count(*) AS n FROM ratings r
    WHERE r.ticket_id IS NOT NULL AND r.misuse = 0
      AND EXISTS (SELECT 1 FROM tickets_served t WHERE t.ticket_id = r.ticket_id)
    GROUP BY r.day, r.officer_id ORDER BY r.day, r.officer_id`.execute(db);
  return {
    tickets: tickets.rows.map((r) => [r.day, r.officer_id, num(r.n), num(r.wait)]),
    rated: rated.rows.map((r) => [r.day, r.officer_id, num(r.n)]),
  };
}

async function aggregateTotals(db: Db) {
  const tickets = await db
    .selectFrom('console_ticket_daily')
    .select(['day', 'officer_id', sql`sum(n)`.as('n'), sql`sum(wait_ms)`.as('wait')])
    .groupBy(['day', 'officer_id'])
    .orderBy('day')
    .orderBy('officer_id')
    .execute();
  const rated = await db
    .selectFrom('console_rating_ticket_daily')
    .select(['day', 'officer_id', sql`sum(n)`.as('n')])
    .groupBy(['day', 'officer_id'])
    .orderBy('day')
    .orderBy('officer_id')
    .execute();
  return {
    tickets: tickets.map((r) => [r.day, r.officer_id, num(r.n), num(r.wait)]),
    rated: rated.map((r) => [r.day, r.officer_id, num(r.n)]),
  };
}

let n = 0;
const served = (ticketId: string, officerId: string, day: string, waitMs = 60_000): ServerSchema['tickets_served'] => {
  n += 1;
  const base = Date.parse(`${day}T08:00:00+07:00`) + n;
  return {
    event_id: `ev-t-${n}`,
    ticket_id: ticketId,
    device_id: 'dev',
    number: String(1000 + n),
    service_id: 'dv',
    officer_id: officerId,
    agency_id: 'ag-01',
    counter_id: 'q-1',
    issued_ms: base,
    called_ms: base + waitMs,
    started_ms: base + waitMs,
    finished_ms: base + waitMs + 1000,
    finished_at: new Date(base + waitMs + 1000).toISOString(),
    day,
  };
};
const rated = (
  officerId: string,
  day: string,
  fields: { ticketId?: string; level?: string; misuse?: number } = {},
): ServerSchema['ratings'] => {
  n += 1;
  const ms = Date.parse(`${day}T09:00:00+07:00`) + n;
  return {
    id: `ev-r-${String(n).padStart(4, '0')}`,
    device_id: 'dev',
    occurred_at: new Date(ms).toISOString(),
    occurred_ms: ms,
    day,
    officer_id: officerId,
    agency_id: 'ag-01',
    counter_id: null,
    ticket_id: fields.ticketId ?? null,
    level: fields.level ?? 'tot',
    reasons: null,
    misuse: fields.misuse ?? 0,
  };
};

describe.each(BACKENDS)('server migrations on %s', (backend) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('bring a fresh database to the latest version', async () => {
    const database = await freshDatabase(backend);
    cleanup = database.cleanup;
    const server = await openServerDb(database.options);
    try {
      const applied = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)} ORDER BY name`.execute(
        server.db,
      );
      expect(applied.rows.map((r) => r.name)).toEqual(SERVER_MIGRATIONS.map((m) => m.name));
      const tables = (await server.db.introspection.getTables()).map((t) => t.name);
      expect(tables).toEqual(
        expect.arrayContaining(['console_ticket_daily', 'console_rating_ticket_daily', 'officer_assignments']),
      );
      const indexes =
        backend === 'sqlite'
          ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index'`.execute(server.db)
          : await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes`.execute(server.db);
      expect(indexes.rows.map((r) => r.name)).toEqual(
        expect.arrayContaining([
          'console_events_by_time',
          'console_duty_by_counter',
          'console_duty_by_device',
          'console_ratings_with_reasons',
          'console_rating_daily_cover',
          'ratings_one_per_ticket',
          'officer_assignments_by_officer',
        ]),
      );
    } finally {
      await server.close();
    }
  });

  it('adopt a database from before the console: totals, one rating per ticket, inactive levels, assignments', async () => {
    const database = await freshDatabase(backend);
    cleanup = database.cleanup;
    const db = openRaw(backend, database.options);
    try {
      await migrateServerDb(db, backend, [m0001Initial]);
      await db
        .insertInto('agencies')
        .values({ id: 'ag-01', name: 'Sở A', name_key: 'so a', sort_order: 1, active: 1 })
        .execute();
      await db
        .insertInto('officers')
        .values([
          {
            id: 'cb-1',
            full_name: 'Một',
            name_key: 'mot',
            agency_id: 'ag-01',
            sort_order: 1,
            active: 1,
            active_from: null,
            active_to: null,
            pin_hash: null,
          },
          {
            id: 'cb-2',
            full_name: 'Hai',
            name_key: 'hai',
            agency_id: 'ag-01',
            sort_order: 2,
            active: 0,
            active_from: null,
            active_to: null,
            pin_hash: null,
          },
          {
            id: 'cb-3',
            full_name: 'Ba',
            name_key: 'ba',
            agency_id: 'ag-01',
            sort_order: 3,
            active: 0,
            active_from: null,
            active_to: null,
            pin_hash: null,
          },
        ])
        .execute();
      await db.insertInto('rating_levels').values({ code: 'tot', label: 'Tốt', sort_order: 1, low: 0 }).execute();
      await db
        .insertInto('tickets_served')
        .values([
          served('t-1', 'cb-1', '2026-03-01'),
          served('t-2', 'cb-1', '2026-03-01', 120_000),
          served('t-3', 'cb-2', '2026-03-02'),
        ])
        .execute();
      const ratings = [
        rated('cb-1', '2026-03-01', { ticketId: 't-1' }),
        rated('cb-1', '2026-03-01', { ticketId: 't-1' }), // a second rating of t-1: kept, unlinked
        rated('cb-1', '2026-03-01', { ticketId: 't-2', misuse: 1 }),
        rated('cb-1', '2026-03-01'), // walk-up
        rated('cb-2', '2026-03-02', { ticketId: 't-3', level: 'rat_hai_long' }),
        rated('cb-2', '2026-03-02', { ticketId: 't-never-served' }),
      ];
      await db.insertInto('ratings').values(ratings).execute();
      await db
        .insertInto('rating_daily')
        .values({ day: '2026-03-02', officer_id: 'cb-2', agency_id: 'ag-01', level: 'rat_hai_long', misuse: 0, n: 1 })
        .execute();
      // What the server used to create at start-up, with its marker.
      await sql
        .raw(
          'CREATE TABLE console_rating_ticket_daily (day TEXT NOT NULL, officer_id TEXT NOT NULL, agency_id TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (day, officer_id, agency_id))',
        )
        .execute(db);
      await sql.raw(`INSERT INTO console_rating_ticket_daily VALUES ('2026-03-01', 'cb-1', 'ag-01', 99)`).execute(db);
      await db.insertInto('settings').values({ key: 'console.aggregates.v1', value: '1' }).execute();

      await migrateServerDb(db, backend);

      const totals = await aggregateTotals(db);
      expect(totals).toEqual(await straightTotals(db));
      expect(totals.tickets).toEqual([
        ['2026-03-01', 'cb-1', 2, 180_000],
        ['2026-03-02', 'cb-2', 1, 60_000],
      ]);
      expect(totals.rated).toEqual([
        ['2026-03-01', 'cb-1', 1],
        ['2026-03-02', 'cb-2', 1],
      ]);
      expect(
        await db.selectFrom('settings').select('key').where('key', '=', 'console.aggregates.v1').execute(),
      ).toEqual([]);
      // Nothing deleted; the duplicate lost only its ticket link, and the index now refuses another.
      expect(await db.selectFrom('ratings').select('id').where('ticket_id', '=', 't-1').execute()).toEqual([
        { id: ratings[0]!.id },
      ]);
      expect((await db.selectFrom('ratings').select('id').execute()).length).toBe(ratings.length);
      await expect(
        db
          .insertInto('ratings')
          .values(rated('cb-1', '2026-03-03', { ticketId: 't-1' }))
          .execute(),
      ).rejects.toThrow();
      // A code an older server deleted from the scale comes back, inactive.
      expect(await db.selectFrom('rating_levels').select(['code', 'active']).orderBy('sort_order').execute()).toEqual([
        { code: 'tot', active: 1 },
        { code: 'rat_hai_long', active: 0 },
      ]);
      // cb-2 left without an end date: kept up to the last day rated; cb-3 (never rated) as before.
      expect(
        await db
          .selectFrom('officer_assignments')
          .select(['officer_id', 'agency_id', 'from_day', 'to_day'])
          .orderBy('officer_id')
          .execute(),
      ).toEqual([
        { officer_id: 'cb-1', agency_id: 'ag-01', from_day: null, to_day: null },
        { officer_id: 'cb-2', agency_id: 'ag-01', from_day: null, to_day: '2026-03-02' },
      ]);
    } finally {
      await db.destroy();
    }
  });

  it('the ingest keeps the totals equal to a straight count whichever of rating and finished ticket arrives first', async () => {
    const database = await freshDatabase(backend);
    cleanup = database.cleanup;
    const server = await openServerDb(database.options);
    const db = server.db;
    // One ingest transaction per call, as server/sync/ingest.ts writes a batch.
    const batch = (rows: { ratings?: ServerSchema['ratings'][]; served?: ServerSchema['tickets_served'][] }) =>
      db.transaction().execute(async (trx) => {
        const ratings = rows.ratings ?? [];
        const served = rows.served ?? [];
        const servedBefore = await ticketsAlreadyServed(trx, served);
        if (ratings.length > 0) await trx.insertInto('ratings').values(ratings).execute();
        if (served.length > 0) await trx.insertInto('tickets_served').values(served).execute();
        await keepAggregates(trx, { ratings, served, servedBefore });
      });
    try {
      // Rating first, ticket later (another batch); ticket first, rating later; misuse; walk-up; unserved.
      await batch({ ratings: [rated('cb-1', '2026-04-01', { ticketId: 'a' })] });
      await batch({ served: [served('a', 'cb-1', '2026-04-01')] });
      await batch({ served: [served('b', 'cb-1', '2026-04-01')] });
      await batch({ ratings: [rated('cb-1', '2026-04-02', { ticketId: 'b' })] });
      await batch({ served: [served('c', 'cb-2', '2026-04-01')] });
      await batch({ ratings: [rated('cb-2', '2026-04-01', { ticketId: 'c', misuse: 1 })] });
      await batch({ ratings: [rated('cb-2', '2026-04-01'), rated('cb-2', '2026-04-01', { ticketId: 'z' })] });
      // A second finish of the same ticket must not count its rating again.
      await batch({ served: [served('a', 'cb-1', '2026-04-01')] });
      // Rating and its ticket (finished twice) in one batch.
      await batch({
        ratings: [rated('cb-1', '2026-04-03', { ticketId: 'd' })],
        served: [served('d', 'cb-1', '2026-04-03'), served('d', 'cb-1', '2026-04-03')],
      });
      const totals = await aggregateTotals(db);
      expect(totals).toEqual(await straightTotals(db));
      expect(totals.rated).toEqual([
        ['2026-04-01', 'cb-1', 1],
        ['2026-04-02', 'cb-1', 1],
        ['2026-04-03', 'cb-1', 1],
      ]);
      expect((await reconcileAggregates(db, backend, false)).differences).toEqual([]);

      // No trigger is left to keep them a second way (migration 0013).
      const triggers =
        backend === 'sqlite'
          ? await sql`SELECT name FROM sqlite_master WHERE type = 'trigger'`.execute(db)
          : await sql`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal`.execute(db);
      expect(triggers.rows).toEqual([]);

      // A wrong total is found, named, and fixed from the base rows.
      await sql`UPDATE console_rating_ticket_daily SET n = n + 5 WHERE day = '2026-04-02'`.execute(db);
      await sql`DELETE FROM console_ticket_daily WHERE day = '2026-04-03'`.execute(db);
      const found = await reconcileAggregates(db, backend, true);
      expect(found.differences.map(describeDifference)).toEqual([
        'console_ticket_daily [2026-04-03 · cb-1 · ag-01] n: đang lưu 0, đếm lại 2; wait_ms: đang lưu 0, đếm lại 120000; service_ms: đang lưu 0, đếm lại 2000',
        'console_rating_ticket_daily [2026-04-02 · cb-1 · ag-01] n: đang lưu 6, đếm lại 1',
      ]);
      expect(found.fixed).toBe(true);
      expect(await aggregateTotals(db)).toEqual(totals);
      expect((await reconcileAggregates(db, backend, false)).differences).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
