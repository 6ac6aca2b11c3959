// Supervisor console figures: the first load in bytes (gzip, as the server sends it), the time
// to interactive of Today with 50 counters in Chromium, and the ratings-over-period endpoint
// over 1,000,000 ratings — each beside a baseline measured in the same run.
import type { FastifyInstance } from 'fastify';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { createServer } from '../../server/app.ts';
import { rebuildConsoleAggregates } from '../../server/db/migrations/0002-console-aggregates.ts';
import { findRendererDir } from '../../server/console/static-routes.ts';
import { DEFAULT_AGENCIES } from '../../shared/domain/defaults.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/e2e-kiosk.ts';
import { round, type Figure } from './figure.ts';

const PASSWORD = 'mat-khau-bench-console';
const KB = 1024;
const RATINGS = 1_000_000;
const OFFICERS = 200;
const COUNTERS = 50;
const LEVELS = ['tot', 'kha', 'trung_binh', 'kem'] as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function tempServer(): Promise<{
  app: FastifyInstance;
  dir: string;
  file: string;
  token: string;
  close: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-bench-console-'));
  const file = join(dir, 'central.db');
  const app = await createServer({ dbFile: file, adminPassword: PASSWORD, log: () => undefined });
  const token = await bearer(app);
  return {
    app,
    dir,
    file,
    token,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function bearer(app: FastifyInstance): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: PASSWORD },
  });
  return res.json<{ token: string }>().token;
}

/** What a browser downloads before the console can draw: the page and every script and style it names. */
async function firstLoadBytes(app: FastifyInstance, page: '/' | '/board'): Promise<number> {
  const html = await app.inject({ url: page, headers: { 'accept-encoding': 'gzip' } });
  if (html.statusCode !== 200) throw new Error('console not built: run `npm run build` first');
  const text = (await app.inject({ url: page })).body;
  const assets = [...text.matchAll(/(?:src|href)="\.\.\/assets\/([^"]+)"/g)].map((m) => m[1]!);
  let total = html.rawPayload.length;
  for (const asset of new Set(assets)) {
    const res = await app.inject({ url: `/assets/${asset}`, headers: { 'accept-encoding': 'gzip' } });
    total += res.rawPayload.length;
  }
  return total;
}

async function benchBytes(): Promise<Figure[]> {
  if (!findRendererDir()) throw new Error('console not built: run `npm run build` first');
  const s = await tempServer();
  try {
    const consoleBytes = await firstLoadBytes(s.app, '/');
    const boardBytes = await firstLoadBytes(s.app, '/board');
    return [
      {
        name: 'console.first-load: HTML + JS + CSS, gzip',
        value: round(consoleBytes / KB, 1),
        unit: 'KB',
        goal: '< 300',
        better: 'lower',
        baseline: `board page (same React runtime, no console): ${round(boardBytes / KB, 1)} KB`,
      },
    ];
  } finally {
    await s.close();
  }
}

/**
 * 50 counters, each with an officer signed in, a ticket called and people waiting today: about
 * 7 events per counter, for the page's first paint. A real day's volume is live-load.bench.ts.
 */
async function seedCounters(s: { app: FastifyInstance; token: string }): Promise<void> {
  const auth = { authorization: `Bearer ${s.token}` };
  for (let n = 1; n <= COUNTERS; n += 1) {
    await s.app.inject({
      method: 'POST',
      url: '/api/v1/counters',
      headers: auth,
      payload: { number: n, name: `Quầy số ${n}` },
    });
    await s.app.inject({
      method: 'POST',
      url: '/api/v1/officers',
      headers: auth,
      payload: { id: `cb-${n}`, fullName: `Cán bộ Thử ${n}`, agencyId: DEFAULT_AGENCIES[n % 17]!.id },
    });
  }
  const code = await s.app.inject({ method: 'POST', url: '/api/v1/devices/enrollment-codes', headers: auth });
  const device = (
    await s.app.inject({
      method: 'POST',
      url: '/api/v1/devices/enroll',
      payload: { code: code.json<{ code: string }>().code, name: 'Kiosk' },
    })
  ).json<{ token: string }>();
  const events: object[] = [];
  let seq = 0;
  const now = Date.now() - 60 * 60_000;
  const at = (m: number) => new Date(now + m * 60_000).toISOString();
  for (let n = 1; n <= COUNTERS; n += 1) {
    const base = { counterId: `q-${n}`, officerId: `cb-${n}` };
    const agencyId = DEFAULT_AGENCIES[n % 17]!.id;
    events.push({ id: uuidv7(), seq: ++seq, type: 'officer.signed_in', occurredAt: at(0), ...base, agencyId });
    for (let t = 0; t < 6; t += 1) {
      const ticketId = uuidv7();
      events.push({
        id: uuidv7(),
        seq: ++seq,
        type: 'ticket.issued',
        occurredAt: at(t),
        ticketId,
        number: String(1000 + t),
        serviceId: 'dv',
        counterId: base.counterId,
      });
      if (t === 0)
        events.push({
          id: uuidv7(),
          seq: ++seq,
          type: 'ticket.called',
          occurredAt: at(10),
          ticketId,
          ...base,
          agencyId,
        });
    }
  }
  for (let i = 0; i < events.length; i += 500) {
    await s.app.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { deviceTime: new Date().toISOString(), events: events.slice(i, i + 500) },
    });
  }
}

async function benchTodayTti(): Promise<Figure[]> {
  const s = await tempServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await seedCounters(s);
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const address = s.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const today: number[] = [];
    const login: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      // Baseline: the login page, the same bundle with nothing to fetch.
      const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const loginPage = await fresh.newPage();
      await loginPage.goto(url);
      await loginPage.getByLabel('Mật khẩu').waitFor();
      login.push(await loginPage.evaluate(() => performance.now()));
      await fresh.close();

      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const token = await bearer(s.app);
      await context.addCookies([{ name: 'hailong_session', value: token, url }]);
      const page = await context.newPage();
      await page.goto(`${url}/#/today`);
      await page
        .getByRole('region', { name: `Quầy số ${COUNTERS}` })
        .getByText('1000')
        .waitFor();
      today.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
    return [
      {
        name: `console.today.tti: ${COUNTERS} counters, a quiet morning (≈7 events each), time to interactive (median of 5)`,
        value: round(median(today), 0),
        unit: 'ms',
        goal: '< 1000',
        better: 'lower',
        baseline: `login page, same bundle, no data: ${round(median(login), 0)} ms`,
      },
    ];
  } finally {
    await browser.close();
    await s.close();
  }
}

/** A year of a province straight into SQLite: 1,000,000 ratings, 200 officers, and the served tickets. */
export function seedRatings(file: string, year = 2026): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const officer = db.prepare(
    'INSERT INTO officers (id, full_name, name_key, agency_id, sort_order, active) VALUES (?, ?, ?, ?, ?, 1)',
  );
  const rating = db.prepare(
    'INSERT INTO ratings (id, device_id, occurred_at, occurred_ms, day, officer_id, agency_id, counter_id, ticket_id, level, reasons, misuse) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const ticket = db.prepare(
    'INSERT INTO tickets_served (event_id, ticket_id, device_id, number, service_id, officer_id, agency_id, counter_id, issued_ms, called_ms, started_ms, finished_ms, finished_at, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const daily = new Map<string, number>();
  const start = Date.UTC(year, 0, 1) - 7 * 3_600_000;
  const span = 365 * 86_400_000;
  let state = 42;
  const rand = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648), state / 2_147_483_648);
  db.transaction(() => {
    for (let o = 0; o < OFFICERS; o += 1) {
      const name = `Cán bộ ${o + 1}`;
      officer.run(`cb-${o}`, name, name.toLowerCase(), DEFAULT_AGENCIES[o % 17]!.id, o + 1);
    }
    for (let i = 0; i < RATINGS; i += 1) {
      const o = i % OFFICERS;
      const agency = DEFAULT_AGENCIES[o % 17]!.id;
      const ms = start + Math.floor(rand() * span);
      const day = vietnamDay(new Date(ms));
      const r = rand();
      const level = LEVELS[r < 0.8 ? 0 : r < 0.93 ? 1 : r < 0.98 ? 2 : 3];
      const misuse = rand() < 0.01 ? 1 : 0;
      const onTicket = rand() < 0.7;
      const ticketId = onTicket ? `t-${i}` : null;
      if (onTicket) {
        ticket.run(
          `e-${i}`,
          ticketId,
          'kiosk',
          String(1000 + (i % 900)),
          'dv',
          `cb-${o}`,
          agency,
          `q-${o % 50}`,
          ms - 1_500_000,
          ms - 900_000,
          ms - 840_000,
          ms,
          new Date(ms).toISOString(),
          day,
        );
      }
      rating.run(
        `r-${i}`,
        'kiosk',
        new Date(ms).toISOString(),
        ms,
        day,
        `cb-${o}`,
        agency,
        `q-${o % 50}`,
        ticketId,
        level,
        level === 'kem' ? '["cho_lau"]' : null,
        misuse,
      );
      const key = `${day}|cb-${o}|${agency}|${level}|${misuse}`;
      daily.set(key, (daily.get(key) ?? 0) + 1);
    }
    // Tickets served with no rating: coverage below 100 %.
    for (let i = 0; i < RATINGS * 0.3; i += 1) {
      const o = i % OFFICERS;
      const ms = start + Math.floor(rand() * span);
      ticket.run(
        `x-${i}`,
        `u-${i}`,
        'kiosk',
        '1',
        'dv',
        `cb-${o}`,
        DEFAULT_AGENCIES[o % 17]!.id,
        `q-${o % 50}`,
        ms - 1_500_000,
        ms - 900_000,
        ms - 840_000,
        ms,
        new Date(ms).toISOString(),
        vietnamDay(new Date(ms)),
      );
    }
    const insertDaily = db.prepare(
      'INSERT INTO rating_daily (day, officer_id, agency_id, level, misuse, n) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const [key, n] of daily) {
      const [day, officerId, agencyId, level, misuse] = key.split('|');
      insertDaily.run(day, officerId, agencyId, level, Number(misuse), n);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Times the endpoint for the whole centre and for one agency, beside a plain COUNT(*) on the same table. */
async function measureRatings(app: FastifyInstance, backend: string): Promise<Figure[]> {
  const headers = { authorization: `Bearer ${await bearer(app)}` };
  const url = '/api/v1/console/ratings?from=2026-01-01&to=2026-12-31';
  const check = await app.inject({ url, headers });
  if (check.statusCode !== 200) throw new Error(check.body);
  const whole: number[] = [];
  const agency: number[] = [];
  const count: number[] = [];
  for (let run = 0; run < 7; run += 1) {
    let t = performance.now();
    await app.inject({ url, headers });
    whole.push(performance.now() - t);
    t = performance.now();
    await app.inject({ url: `${url}&agencyId=ag-11`, headers });
    agency.push(performance.now() - t);
    t = performance.now();
    await app.hailong.db
      .selectFrom('ratings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    count.push(performance.now() - t);
  }
  const baseline = `plain SELECT COUNT(*) over the same ratings table: ${round(median(count), 1)} ms`;
  return [
    {
      name: `console.ratings.year.${backend}: 1,000,000 ratings, whole centre (median of 7)`,
      value: round(median(whole), 1),
      unit: 'ms',
      goal: '< 500',
      better: 'lower',
      baseline,
    },
    {
      name: `console.ratings.year.${backend}: 1,000,000 ratings, one agency (median of 7)`,
      value: round(median(agency), 1),
      unit: 'ms',
      goal: '< 500',
      better: 'lower',
      baseline,
    },
  ];
}

async function benchRatingsSqlite(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-bench-ratings-'));
  const file = join(dir, 'central.db');
  try {
    // The first start migrates and installs the console's triggers; the rows go in with the
    // server stopped (the triggers keep the daily totals); the second start serves them.
    await (await createServer({ dbFile: file, adminPassword: PASSWORD, log: () => undefined })).close();
    seedRatings(file, 2026);
    const app = await createServer({ dbFile: file, adminPassword: PASSWORD, log: () => undefined });
    try {
      return await measureRatings(app, 'sqlite');
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/test';

/** The same year on PostgreSQL, generated in SQL; the console's daily totals are rebuilt on the next start. */
async function benchRatingsPostgres(): Promise<Figure[]> {
  const name = `hailong_bench_console_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
  try {
    const first = await createServer({ databaseUrl, adminPassword: PASSWORD, log: () => undefined });
    const db = first.hailong.db;
    // Seed without the row triggers (a year in one statement), then rebuild the daily totals once.
    for (const statement of [
      'ALTER TABLE ratings DISABLE TRIGGER USER',
      'ALTER TABLE tickets_served DISABLE TRIGGER USER',
      `INSERT INTO officers (id, full_name, name_key, agency_id, sort_order, active)
         SELECT 'cb-' || g, 'Cán bộ ' || (g + 1), 'cán bộ ' || (g + 1), 'ag-' || lpad(((g % 17) + 1)::text, 2, '0'), g + 1, 1
         FROM generate_series(0, ${OFFICERS - 1}) g`,
      `INSERT INTO ratings (id, device_id, occurred_at, occurred_ms, day, officer_id, agency_id, counter_id, ticket_id, level, reasons, misuse)
         SELECT 'r-' || i, 'kiosk', to_char(to_timestamp(ms / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ms,
                to_char(to_timestamp(ms / 1000.0) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD'),
                'cb-' || (i % ${OFFICERS}), 'ag-' || lpad((((i % ${OFFICERS}) % 17) + 1)::text, 2, '0'), 'q-' || (i % 50),
                CASE WHEN t < 0.7 THEN 't-' || i END,
                CASE WHEN r < 0.8 THEN 'tot' WHEN r < 0.93 THEN 'kha' WHEN r < 0.98 THEN 'trung_binh' ELSE 'kem' END,
                CASE WHEN r >= 0.98 THEN '["cho_lau"]' END,
                CASE WHEN m < 0.01 THEN 1 ELSE 0 END
         FROM (SELECT i, ${Date.UTC(2026, 0, 1) - 7 * 3_600_000}::bigint + floor(random() * ${365 * 86_400_000})::bigint AS ms,
                      random() AS r, random() AS t, random() AS m
               FROM generate_series(0, ${RATINGS - 1}) i) s`,
      `INSERT INTO tickets_served (event_id, ticket_id, device_id, number, service_id, officer_id, agency_id, counter_id,
                                   issued_ms, called_ms, started_ms, finished_ms, finished_at, day)
         SELECT 'e-' || id, ticket_id, 'kiosk', '1000', 'dv', officer_id, agency_id, counter_id,
                occurred_ms - 1500000, occurred_ms - 900000, occurred_ms - 840000, occurred_ms, occurred_at, day
         FROM ratings WHERE ticket_id IS NOT NULL`,
      `INSERT INTO tickets_served (event_id, ticket_id, device_id, number, service_id, officer_id, agency_id, counter_id,
                                   issued_ms, called_ms, started_ms, finished_ms, finished_at, day)
         SELECT 'x-' || id, 'u-' || id, 'kiosk', '1', 'dv', officer_id, agency_id, counter_id,
                occurred_ms - 1500000, occurred_ms - 900000, occurred_ms - 840000, occurred_ms, occurred_at, day
         FROM ratings WHERE ticket_id IS NULL`,
      `INSERT INTO rating_daily (day, officer_id, agency_id, level, misuse, n)
         SELECT day, officer_id, agency_id, level, misuse, count(*) FROM ratings GROUP BY day, officer_id, agency_id, level, misuse`,
      'ALTER TABLE ratings ENABLE TRIGGER USER',
      'ALTER TABLE tickets_served ENABLE TRIGGER USER',
    ]) {
      await sql.raw(statement).execute(db);
    }
    await rebuildConsoleAggregates(db);
    await sql.raw('ANALYZE').execute(db);
    await first.close();
    const app = await createServer({ databaseUrl, adminPassword: PASSWORD, log: () => undefined });
    try {
      return await measureRatings(app, 'postgres');
    } finally {
      await app.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function benchConsole(): Promise<Figure[]> {
  return [
    ...(await benchBytes()),
    ...(await benchTodayTti()),
    ...(await benchRatingsSqlite()),
    ...(await benchRatingsPostgres()),
  ];
}
