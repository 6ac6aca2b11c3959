// Central server: HTTP ingest beside the raw insert rate on the same database, Phụ lục 2 over
// a province's year (1,000,000 ratings, 200 officers, 20 agencies; written in bulk and proved equal
// to the ingest path with reconcile), server RSS during ingest.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { reconcileAggregates } from '../../server/aggregates/reconcile.ts';
import { openServerDb } from '../../server/db/database.ts';
import type { ServerSchema } from '../../server/db/schema.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { round, type Figure } from './figure.ts';
import { procMemoryMb } from '../support/proc-memory.ts';

const ROOT = join(import.meta.dirname, '../..');
const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'mat-khau-do-hieu-nang';
const INGEST_EVENTS = 50_000;
const BATCH = 500;
const REPORT_RATINGS = 1_000_000;
const OFFICERS = 200;
const AGENCIES = 20;
const LEVELS = ['tot', 'kha', 'trung_binh', 'kem'];

type Target = {
  backend: 'sqlite' | 'postgres';
  dbOption: string[];
  open: { dbFile?: string; databaseUrl?: string };
  cleanup: () => Promise<void>;
};

async function target(backend: 'sqlite' | 'postgres'): Promise<Target> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hailong-bench-server-'));
    const file = join(dir, 'central.db');
    return {
      backend,
      dbOption: ['--db', file],
      open: { dbFile: file },
      cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `hailong_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  return {
    backend,
    dbOption: ['--database-url', url],
    open: { databaseUrl: url },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * The server as its own process, so its RSS is its own: the built server module when present
 * (what `hailong server` runs, without the other CLI commands' modules), else through tsx.
 */
async function startServer(dbOption: string[]): Promise<{ url: string; child: ChildProcess }> {
  const built = existsSync(join(ROOT, 'dist/server/app.js'));
  const [flag, value] = dbOption;
  const options = JSON.stringify(flag === '--db' ? { dbFile: value } : { databaseUrl: value });
  const script =
    `const { createServer } = await import(${JSON.stringify(join(ROOT, built ? 'dist/server/app.js' : 'server/app.ts'))});` +
    `const app = await createServer({ ...${options}, log: () => undefined });` +
    `console.log('Máy chủ trung tâm: ' + (await app.listen({ host: '127.0.0.1', port: 0 })) + '/');`;
  // HAILONG_BENCH_SERVER=cli measures `hailong server` itself (the CLI loads every command's modules).
  const viaCli = process.env.HAILONG_BENCH_SERVER === 'cli' && existsSync(join(ROOT, 'dist/cli/index.js'));
  const args = viaCli
    ? ['bin/hailong.mjs', 'server', ...dbOption, '--port', '0']
    : [...(built ? [] : ['--import', 'tsx']), '--input-type=module', '-e', script];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, HAILONG_ADMIN_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Máy chủ trung tâm: (http:\/\/\S+?)\/?\s/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { url, child };
}

async function call<T>(url: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** 20 agencies (the 17 defaults + 3) and 200 officers, through the admin API. */
async function seedStaff(url: string, token: string): Promise<{ officerId: string; agencyId: string }[]> {
  for (let i = 18; i <= AGENCIES; i += 1) {
    await call(url, '/api/v1/agencies', token, { id: `ag-${i}`, name: `Cơ quan thử ${i}`, order: i });
  }
  const staff: { officerId: string; agencyId: string }[] = [];
  for (let i = 0; i < OFFICERS; i += 1) {
    const agencyId = `ag-${String((i % AGENCIES) + 1).padStart(2, '0')}`;
    const { id } = await call<{ id: string }>(url, '/api/v1/officers', token, {
      id: `cb-${i}`,
      fullName: `Cán bộ thử ${i}`,
      agencyId,
    });
    staff.push({ officerId: id, agencyId });
  }
  return staff;
}

function events(staff: { officerId: string; agencyId: string }[], count: number, startSeq: number) {
  const base = Date.parse('2026-03-01T01:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const who = staff[i % staff.length]!;
    return {
      id: uuidv7(),
      seq: startSeq + i,
      type: 'rating.submitted' as const,
      occurredAt: new Date(base + i * 37_000).toISOString().replace('Z', '+00:00'),
      officerId: who.officerId,
      agencyId: who.agencyId,
      counterId: 'q-1',
      level: LEVELS[i % 4]!,
    };
  });
}

/** The bare durable insert: the same rows into `events` and `ratings`, 500 per transaction. */
async function rawInsert(open: Target['open'], rows: ReturnType<typeof events>): Promise<number> {
  const opened = await openServerDb(open);
  const db = opened.db;
  const receivedAt = new Date().toISOString();
  const started = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH);
    await db.transaction().execute(async (trx) => {
      for (let j = 0; j < part.length; j += 250) {
        const chunk = part.slice(j, j + 250);
        await trx
          .insertInto('events')
          .values(
            chunk.map((e): ServerSchema['events'] => {
              const ms = Date.parse(e.occurredAt);
              return {
                id: e.id,
                device_id: 'raw',
                seq: e.seq,
                type: e.type,
                occurred_at: e.occurredAt,
                occurred_at_utc: new Date(ms).toISOString(),
                occurred_ms: ms,
                received_at: receivedAt,
                body: JSON.stringify(e),
              };
            }),
          )
          .execute();
        await trx
          .insertInto('ratings')
          .values(
            chunk.map((e): ServerSchema['ratings'] => {
              const ms = Date.parse(e.occurredAt);
              return {
                id: e.id,
                device_id: 'raw',
                occurred_at: e.occurredAt,
                occurred_ms: ms,
                day: vietnamDay(new Date(ms)),
                officer_id: e.officerId,
                agency_id: e.agencyId,
                counter_id: e.counterId,
                ticket_id: null,
                level: e.level,
                reasons: null,
                misuse: 0,
              };
            }),
          )
          .execute();
      }
    });
  }
  const seconds = (performance.now() - started) / 1000;
  // Only the rate was wanted: rows without their aggregates would be what reconcile reports below.
  await db.deleteFrom('ratings').where('device_id', '=', 'raw').execute();
  await db.deleteFrom('events').where('device_id', '=', 'raw').execute();
  await opened.close();
  return rows.length / seconds;
}

/** A year of a province, written in bulk (not through HTTP): ratings and their daily counts. */
async function bulkYear(t: Target): Promise<void> {
  const start = Date.parse('2025-01-01T00:00:00+07:00');
  const spanMs = 365 * 86_400_000;
  if (t.backend === 'sqlite') {
    const db = new Database(t.open.dbFile);
    db.pragma('busy_timeout = 60000');
    const insert = db.prepare(
      `INSERT INTO ratings (id, device_id, occurred_at, occurred_ms, day, officer_id, agency_id, counter_id, ticket_id, level, reasons, misuse)
       VALUES (?, 'bulk', ?, ?, ?, ?, ?, 'q-1', NULL, ?, NULL, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < REPORT_RATINGS; i += 1) {
        const ms = start + Math.floor((i / REPORT_RATINGS) * spanMs);
        const officer = (i * 7919) % OFFICERS;
        const iso = new Date(ms).toISOString();
        insert.run(
          `bulk-${i}`,
          iso,
          ms,
          vietnamDay(new Date(ms)),
          `cb-${officer}`,
          `ag-${String((officer % AGENCIES) + 1).padStart(2, '0')}`,
          LEVELS[(i * 31) % 4],
          i % 97 === 0 ? 1 : 0,
        );
      }
      db.exec(`INSERT INTO rating_daily (day, officer_id, agency_id, level, misuse, n)
               SELECT day, officer_id, agency_id, level, misuse, count(*) FROM ratings WHERE device_id = 'bulk'
               GROUP BY day, officer_id, agency_id, level, misuse
               ON CONFLICT (day, officer_id, agency_id, level, misuse) DO UPDATE SET n = rating_daily.n + excluded.n`);
    })();
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: t.open.databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO ratings (id, device_id, occurred_at, occurred_ms, day, officer_id, agency_id, counter_id, ticket_id, level, reasons, misuse)
     SELECT 'bulk-' || i, 'bulk', to_char(to_timestamp(ms / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ms,
            to_char(to_timestamp(ms / 1000.0) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD'),
            'cb-' || ((i * 7919) % ${OFFICERS}), 'ag-' || lpad((((i * 7919) % ${OFFICERS}) % ${AGENCIES} + 1)::text, 2, '0'),
            'q-1', NULL, (ARRAY['tot','kha','trung_binh','kem'])[((i * 31) % 4) + 1], NULL, CASE WHEN i % 97 = 0 THEN 1 ELSE 0 END
       FROM (SELECT i, ${start}::bigint + floor(i::numeric / ${REPORT_RATINGS} * ${spanMs})::bigint AS ms
               FROM generate_series(0::bigint, ${REPORT_RATINGS - 1}) AS i) s`,
    );
    await client.query(`INSERT INTO rating_daily (day, officer_id, agency_id, level, misuse, n)
    SELECT day, officer_id, agency_id, level, misuse, count(*) FROM ratings WHERE device_id = 'bulk'
    GROUP BY day, officer_id, agency_id, level, misuse
    ON CONFLICT (day, officer_id, agency_id, level, misuse) DO UPDATE SET n = rating_daily.n + excluded.n`);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function benchBackend(backend: 'sqlite' | 'postgres'): Promise<Figure[]> {
  const step = (what: string) => console.error(`[server bench ${backend}] ${what}`);
  step('start');
  const t = await target(backend);
  step('server');
  const server = await startServer(t.dbOption);
  step(`server at ${server.url}`);
  try {
    const { token: admin } = (await (
      await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      })
    ).json()) as { token: string };
    step('seed staff');
    const staff = await seedStaff(server.url, admin);
    const { code } = await call<{ code: string }>(server.url, '/api/v1/devices/enrollment-codes', admin, {});
    const enrolled = (await (
      await fetch(`${server.url}/api/v1/devices/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: 'Kiosk đo' }),
      })
    ).json()) as { token: string };

    step('ingest over HTTP');
    const viaHttp = events(staff, INGEST_EVENTS, 1);
    let peakRss = procMemoryMb(server.child.pid!);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, procMemoryMb(server.child.pid!))), 25);
    const started = performance.now();
    for (let i = 0; i < viaHttp.length; i += BATCH) {
      const res = await call<{ accepted: string[] }>(server.url, '/api/v1/sync', enrolled.token, {
        deviceTime: new Date().toISOString(),
        configVersion: 1_000_000,
        events: viaHttp.slice(i, i + BATCH),
      });
      if (res.accepted.length !== Math.min(BATCH, viaHttp.length - i)) throw new Error('batch not fully accepted');
    }
    const httpRate = viaHttp.length / ((performance.now() - started) / 1000);
    clearInterval(sampler);
    step('raw insert');
    const rawRate = await rawInsert(t.open, events(staff, INGEST_EVENTS, 1));

    step('bulk year');
    await bulkYear(t);
    // The year is written in bulk, not through HTTP (a million ratings would take the whole run);
    // reconcile proves the bulk aggregates equal what the ingest's rule gives for the same rows.
    step('reconcile');
    const reconcileStarted = performance.now();
    const checked = await openServerDb(t.open);
    const { differences } = await reconcileAggregates(checked.db, backend, false).finally(() => checked.close());
    const reconcileMs = performance.now() - reconcileStarted;
    if (differences.length > 0)
      throw new Error(`bulk fill differs from the ingest's aggregates: ${differences.length} rows`);
    step('report');
    const path = '/api/v1/reports/phu-luc-2?from=2025-01-01&to=2025-12-31';
    await call(server.url, path, admin); // warm-up
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < 7; i += 1) {
      const t0 = performance.now();
      const report = await call<{ rows: unknown[]; totals: number[] }>(server.url, path, admin);
      samples.push(performance.now() - t0);
      rows = report.rows.length;
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)]!;
    if (rows !== OFFICERS) throw new Error(`report has ${rows} rows, expected ${OFFICERS}`);
    return [
      {
        name: `server.ingest.http.${backend}`,
        value: round(httpRate, 0),
        unit: 'events/s',
        goal: round(rawRate / 3, 0),
        better: 'higher',
        baseline: `raw insert of the same rows into the same database: ${round(rawRate, 0)} events/s (goal ≥ 1/3)`,
      },
      { name: `server.ingest.raw.${backend}`, value: round(rawRate, 0), unit: 'events/s', better: 'higher' },
      { name: `server.rss.ingest.${backend}`, value: round(peakRss, 1), unit: 'MB', goal: 200, better: 'lower' },
      {
        name: `server.report.phu-luc-2.${backend}`,
        value: round(median, 1),
        unit: 'ms',
        goal: 300,
        better: 'lower',
        baseline: `median of 7 over HTTP; ${REPORT_RATINGS.toLocaleString('en')} ratings, ${OFFICERS} officers, ${AGENCIES} agencies, one year; filled in bulk, proved equal to the ingest path by reconcile (0 differences)`,
      },
      {
        name: `server.reconcile.${backend}`,
        value: round(reconcileMs, 0),
        unit: 'ms',
        better: 'lower',
        baseline: `every aggregate counted again from ${REPORT_RATINGS.toLocaleString('en')} ratings and compared`,
      },
    ];
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    await t.cleanup();
  }
}

export async function benchServer(): Promise<Figure[]> {
  const only = process.env.HAILONG_BENCH_BACKEND;
  const figures: Figure[] = [];
  for (const backend of ['sqlite', 'postgres'] as const) {
    if (!only || only === backend) figures.push(...(await benchBackend(backend)));
  }
  return figures;
}
