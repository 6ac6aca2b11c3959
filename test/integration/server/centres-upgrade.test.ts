import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../../server/app.ts';
import { migrateServerDb, openServerDb } from '../../../server/db/database.ts';
import { SERVER_MIGRATIONS } from '../../../server/db/migrations/index.ts';
import type { ServerSchema } from '../../../server/db/schema.ts';
import { ADMIN_PASSWORD, auth, freshDatabase, login } from './support.ts';
import { FIXTURE_NOW, FIXTURE_REPORTS } from './upgrade-fixture.ts';

/**
 * Issue 13 §1: a single-centre database becomes centre #1 with nothing lost. The fixture was
 * written by the server from before centres (upgrade-fixture.generate.ts, commit 350f87c) through
 * its HTTP API and ingest, with every report it answered then; today's server opens it (migration
 * 0020 runs) and must answer every report byte for byte the same, on SQLite and on PostgreSQL.
 */
const FIXTURE = join(import.meta.dirname, '../../fixtures/upgrade-0019');
const expected = JSON.parse(readFileSync(join(FIXTURE, 'reports.json'), 'utf8')) as Record<
  string,
  { status: number; body: string }
>;
// Written by the logins of the test itself, or bookkeeping of the migrations.
const VOLATILE = new Set([
  'sessions',
  'login_throttle',
  'schema_migrations',
  'schema_migrations_lock',
  'sqlite_sequence',
]);

type Rows = Record<string, Record<string, unknown>[]>;

/** Every table's rows, sorted, columns as the old schema had them. */
function fixtureRows(file: string): Rows {
  const db = new Database(file, { readonly: true });
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((t) => t.name)
    .filter((name) => !VOLATILE.has(name));
  const rows = Object.fromEntries(
    tables.map((name) => [name, db.prepare<[], Record<string, unknown>>(`SELECT * FROM "${name}"`).all()]),
  );
  db.close();
  return rows;
}

const canonical = (rows: Record<string, unknown>[], columns: string[]) =>
  rows.map((row) => JSON.stringify(columns.map((c) => (typeof row[c] === 'bigint' ? Number(row[c]) : row[c])))).sort();

async function reportsOf(app: Awaited<ReturnType<typeof createServer>>) {
  const token = await login(app, 'admin', ADMIN_PASSWORD);
  const answers: Record<string, { status: number; body: string }> = {};
  for (const url of FIXTURE_REPORTS) {
    const res = await app.inject({ url, headers: auth(token) });
    answers[url] = { status: res.statusCode, body: res.body };
  }
  return answers;
}

/** The old columns of every old table hold exactly the rows they held; the renamed role and the moved name excepted. */
async function expectNothingLost(db: Kysely<ServerSchema>, before: Rows) {
  for (const [table, rows] of Object.entries(before)) {
    const columns = Object.keys(rows[0] ?? {});
    const after = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db)).rows;
    let old = rows;
    if (table === 'users') old = rows.map((r) => (r.role === 'admin' ? { ...r, role: 'province_admin' } : r));
    if (table === 'settings') old = rows.filter((r) => r.key !== 'centre.name');
    expect(canonical(after, columns), table).toEqual(canonical(old, columns));
  }
  const name = before.settings!.find((r) => r.key === 'centre.name')!.value;
  expect(await db.selectFrom('centres').select(['id', 'code', 'name']).execute()).toEqual([
    { id: 1, code: 'TT01', name },
  ]);
  for (const table of ['counters', 'officers', 'devices', 'enrollment_codes'] as const) {
    const centres = await db.selectFrom(table).select('centre_id').distinct().execute();
    expect(centres, table).toEqual([{ centre_id: 1 }]);
  }
  const officers = await db.selectFrom('officers').select('id').execute();
  const stays = await db.selectFrom('officer_centres').selectAll().execute();
  expect(stays.map((s) => [s.officer_id, s.centre_id, s.from_day, s.to_day]).sort()).toEqual(
    officers.map((o) => [o.id, 1, null, null]).sort(),
  );
}

describe('a database from before centres', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('migrates on SQLite to centre #1 with every row kept and every report the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hailong-upgrade-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'central.db');
    copyFileSync(join(FIXTURE, 'central.db'), file);
    const before = fixtureRows(file);
    expect(before.ratings!.length).toBeGreaterThan(100);
    const app = await createServer({ dbFile: file, log: () => undefined, now: () => new Date(FIXTURE_NOW) });
    cleanups.push(() => app.close());
    expect(await reportsOf(app)).toEqual(expected);
    await expectNothingLost(app.hailong.db, before);
  });

  it('migrates on PostgreSQL (the same rows loaded at schema 0019) with every report the same', async () => {
    // Read from a copy: even a read-only open of the fixture would leave files beside it.
    const dir = mkdtempSync(join(tmpdir(), 'hailong-upgrade-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    copyFileSync(join(FIXTURE, 'central.db'), join(dir, 'central.db'));
    const before = fixtureRows(join(dir, 'central.db'));
    const fresh = await freshDatabase('postgres');
    cleanups.push(fresh.cleanup);
    // The schema as the old server left it, then its rows, copied table by table.
    const old = SERVER_MIGRATIONS.filter((m) => m.name < '0020');
    const pg = await openServerDbAt(fresh.options.databaseUrl!, old);
    for (const [table, rows] of Object.entries(before)) {
      for (let i = 0; i < rows.length; i += 200) {
        await pg
          .insertInto(table as 'settings')
          .values(rows.slice(i, i + 200) as never)
          .execute();
      }
    }
    await pg.destroy();
    const app = await createServer({ ...fresh.options, log: () => undefined, now: () => new Date(FIXTURE_NOW) });
    cleanups.push(() => app.close());
    expect(await reportsOf(app)).toEqual(expected);
    await expectNothingLost(app.hailong.db, before);
  });

  it('refuses nothing on a second start: the migrated database opens as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hailong-upgrade-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'central.db');
    copyFileSync(join(FIXTURE, 'central.db'), file);
    const first = await openServerDb({ dbFile: file });
    await first.close();
    const again = await openServerDb({ dbFile: file });
    cleanups.push(() => again.close());
    expect(await again.db.selectFrom('centres').select('code').execute()).toEqual([{ code: 'TT01' }]);
  });
});

/** A PostgreSQL database migrated up to the given steps only (the old server's schema). */
async function openServerDbAt(url: string, migrations: typeof SERVER_MIGRATIONS) {
  const db = new Kysely<ServerSchema>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
  });
  await migrateServerDb(db, 'postgres', migrations);
  return db;
}
