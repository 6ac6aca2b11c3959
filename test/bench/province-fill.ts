// A province's year of ratings written in bulk on PostgreSQL (generate_series into the base table
// and its daily aggregate in one statement per chunk), and the proof that it equals the ingest
// path: the first ratings of the same sequence go through POST /api/v1/sync from their kiosks, the
// same SQL writes them into a scratch table, and every column but the id must match.
import type pg from 'pg';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import type { SimulatedKiosk } from './kiosk-load.ts';

const DAY_MS = 86_400_000;
/** Ratings are given between 08:00 and 17:00, Vietnam time. */
const OPENING_MS = 8 * 3_600_000;
const OPEN_SECONDS = 9 * 3_600;
/** Ids of bulk rows: a fixed UUID prefix and the sequence number, so they never meet a kiosk's. */
const BULK_ID_PREFIX = 'b0000000-0000-7000-8000-';

/** The working days (Monday–Friday) of the 365 Vietnam days that end yesterday. */
export interface ProvinceYear {
  from: string;
  to: string;
  days: string[];
  /** Vietnam midnight of each day, epoch ms. */
  dayStartMs: number[];
  ratings: number;
}

export function provinceYear(now: Date, ratings: number): ProvinceYear {
  const today = vietnamDay(now);
  const todayStart = Date.parse(`${today}T00:00:00+07:00`);
  const days: string[] = [];
  const dayStartMs: number[] = [];
  for (let back = 365; back >= 1; back -= 1) {
    const start = todayStart - back * DAY_MS;
    const weekday = new Date(start + 7 * 3_600_000).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    days.push(vietnamDay(new Date(start)));
    dayStartMs.push(start);
  }
  return { from: vietnamDay(new Date(todayStart - 365 * DAY_MS)), to: days.at(-1)!, days, dayStartMs, ratings };
}

/** Rating i of the year, as a kiosk would send it: which kiosk (officer), when, which level. */
export function yearRating(year: ProvinceYear, kiosks: number, i: number) {
  const d = Math.floor((i * year.days.length) / year.ratings);
  const ms = year.dayStartMs[d]! + OPENING_MS + ((i * 7919) % OPEN_SECONDS) * 1_000 + (i % 1_000);
  const p = (i * 31) % 100;
  const level = p < 80 ? 'tot' : p < 93 ? 'kha' : p < 98 ? 'trung_binh' : 'kem';
  return { kiosk: i % kiosks, at: new Date(ms), level, misuse: i % 97 === 0 };
}

/** The same rating in SQL: one row of `ratings` for each i of generate_series($1, $2 - 1). */
const YEAR_ROWS_SQL = `
  WITH staff AS (
    SELECT k - 1 AS k, device_id, officer_id, agency_id, counter_id
    FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS s(device_id, officer_id, agency_id, counter_id, k)
  ), gen AS (
    SELECT i, (i * $9::bigint / $10::bigint)::int AS d, (i * 31) % 100 AS p
    FROM generate_series($1::bigint, $2::bigint - 1) AS i
  ), timed AS (
    SELECT gen.*, ($8::bigint[])[d + 1] + ${OPENING_MS} + ((i * 7919) % ${OPEN_SECONDS}) * 1000 + (i % 1000) AS ms
    FROM gen
  )
  SELECT '${BULK_ID_PREFIX}' || lpad(to_hex(i), 12, '0') AS id, s.device_id,
         to_char((timestamptz 'epoch' + ms * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at,
         ms AS occurred_ms, ($7::text[])[d + 1] AS day, s.officer_id, s.agency_id, s.counter_id,
         NULL::text AS ticket_id,
         CASE WHEN p < 80 THEN 'tot' WHEN p < 93 THEN 'kha' WHEN p < 98 THEN 'trung_binh' ELSE 'kem' END AS level,
         NULL::text AS reasons, CASE WHEN i % 97 = 0 THEN 1 ELSE 0 END AS misuse
  FROM timed JOIN staff s ON s.k = timed.i % $11::int`;

const COLUMNS =
  'id, device_id, occurred_at, occurred_ms, day, officer_id, agency_id, counter_id, ticket_id, level, reasons, misuse';

function yearParams(year: ProvinceYear, kiosks: readonly SimulatedKiosk[], from: number, to: number): unknown[] {
  return [
    from,
    to,
    kiosks.map((k) => k.deviceId),
    kiosks.map((k) => k.staff.officerId),
    kiosks.map((k) => k.staff.agencyId),
    kiosks.map((k) => k.staff.counterId),
    year.days,
    year.dayStartMs,
    year.days.length,
    year.ratings,
    kiosks.length,
  ];
}

/** Sends ratings [0, count) of the year through POST /api/v1/sync, each from its own kiosk. */
export async function sampleThroughIngest(
  year: ProvinceYear,
  kiosks: readonly SimulatedKiosk[],
  count: number,
): Promise<void> {
  const byKiosk = new Map<SimulatedKiosk, object[]>();
  for (let i = 0; i < count; i += 1) {
    const r = yearRating(year, kiosks.length, i);
    const kiosk = kiosks[r.kiosk]!;
    const event = kiosk.events.rate(r.level, { at: r.at, ...(r.misuse ? { misuse: true } : {}) });
    byKiosk.set(kiosk, [...(byKiosk.get(kiosk) ?? []), event]);
  }
  // A few kiosks at a time, as they would come back online.
  const queue = [...byKiosk];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [kiosk, events] = next;
      for (let i = 0; i < events.length; i += 500) await kiosk.sync(events.slice(i, i + 500));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/**
 * The ingested sample beside the same ratings written by the bulk SQL into a scratch table:
 * rows of one not in the other, counted both ways over every column of `ratings` but the id.
 */
export async function compareSample(
  client: pg.Client,
  year: ProvinceYear,
  kiosks: readonly SimulatedKiosk[],
  count: number,
): Promise<{ ingested: number; onlyIngested: number; onlyBulk: number; columns: string[]; example: unknown[] }> {
  await client.query('CREATE TEMP TABLE bulk_sample (LIKE ratings INCLUDING DEFAULTS)');
  await client.query(`INSERT INTO bulk_sample (${COLUMNS}) ${YEAR_ROWS_SQL}`, yearParams(year, kiosks, 0, count));
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'ratings' AND column_name <> 'id' ORDER BY ordinal_position`,
  );
  const columns = rows.map((r) => r.column_name);
  const list = columns.join(', ');
  const ingestedRows = `SELECT ${list} FROM ratings WHERE day BETWEEN $1 AND $2 AND id NOT LIKE '${BULK_ID_PREFIX}%'`;
  const count1 = async (query: string) =>
    Number(
      (await client.query<{ n: string }>(`SELECT count(*) AS n FROM (${query}) q`, [year.from, year.to])).rows[0]!.n,
    );
  const result = {
    ingested: await count1(ingestedRows),
    onlyIngested: await count1(`${ingestedRows} EXCEPT ALL SELECT ${list} FROM bulk_sample`),
    onlyBulk: await count1(`SELECT ${list} FROM bulk_sample EXCEPT ALL ${ingestedRows}`),
    columns,
    /** One row of each side that the other lacks, to see which column differs. */
    example: [
      (await client.query(`${ingestedRows} EXCEPT ALL SELECT ${list} FROM bulk_sample LIMIT 1`, [year.from, year.to]))
        .rows[0],
      (await client.query(`SELECT ${list} FROM bulk_sample EXCEPT ALL ${ingestedRows} LIMIT 1`, [year.from, year.to]))
        .rows[0],
    ],
  };
  await client.query('DROP TABLE bulk_sample');
  return result;
}

/**
 * Ratings [from, ratings) of the year into `ratings`, and their counts added to `rating_daily` and
 * the per-counter `counter_daily` in the same statement (what the ingest's keepAggregates does per
 * batch for a rating without a ticket), in chunks.
 */
export async function bulkFillYear(
  client: pg.Client,
  year: ProvinceYear,
  kiosks: readonly SimulatedKiosk[],
  from: number,
  progress: (done: number) => void,
): Promise<void> {
  const CHUNK = 1_000_000;
  // The planner misjudges the unnest's size and sorts 10 M rows for a merge join; a hash join
  // keeps them in time order, as they would arrive.
  await client.query('SET enable_mergejoin = off');
  await client.query(`SET maintenance_work_mem = '256MB'`);
  // Ten million inserts into every secondary index take four times as long as building the same
  // indexes once at the end; they are put back from their own definitions, so the schema is the
  // migrations' exactly. (The servers are idle meanwhile: nothing reads ratings.)
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'ratings'
       AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'ratings'::regclass)`,
  );
  for (const index of indexes) await client.query(`DROP INDEX ${index.indexname}`);
  for (let start = from; start < year.ratings; start += CHUNK) {
    const end = Math.min(year.ratings, start + CHUNK);
    await client.query(
      `WITH inserted AS (INSERT INTO ratings (${COLUMNS}) ${YEAR_ROWS_SQL}
         RETURNING day, officer_id, agency_id, level, misuse, counter_id),
       daily AS (INSERT INTO rating_daily (day, officer_id, agency_id, level, misuse, n)
         SELECT day, officer_id, agency_id, level, misuse, count(*) FROM inserted
         GROUP BY day, officer_id, agency_id, level, misuse
         ON CONFLICT (day, officer_id, agency_id, level, misuse) DO UPDATE SET n = rating_daily.n + excluded.n)
       INSERT INTO counter_daily (day, counter_id, served, rated)
       SELECT day, counter_id, 0, count(*) FROM inserted WHERE misuse = 0 AND counter_id IS NOT NULL
       GROUP BY day, counter_id
       ON CONFLICT (day, counter_id) DO UPDATE SET rated = counter_daily.rated + excluded.rated`,
      yearParams(year, kiosks, start, end),
    );
    progress(end);
  }
  for (const index of indexes) await client.query(index.indexdef);
  await client.query('RESET enable_mergejoin');
  await client.query('RESET maintenance_work_mem');
  await client.query('ANALYZE ratings');
  await client.query('ANALYZE rating_daily');
}
