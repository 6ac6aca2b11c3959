import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AnnexCountRow } from '../phone/phone-annex.ts';

/**
 * Phụ lục 2's counts at a province's volume (issue 13 §3). A rating belongs to the centre where
 * its officer worked on its day: a stay in `officer_centres`, or for an officer without history
 * the centre of their officers row, every day (migration 0025 gave officer ids without a row a
 * stay at the first centre). One centre's counts walk only its officers' days
 * (`rating_daily_by_officer`); the province's are one pass over the period.
 */
const STAYS = sql`(
  SELECT officer_id, centre_id, from_day, to_day FROM officer_centres
  UNION ALL
  SELECT o.id, o.centre_id, NULL, NULL FROM officers o
  WHERE NOT EXISTS (SELECT 1 FROM officer_centres x WHERE x.officer_id = o.id)
)`;

export type AnnexSource = 'all' | 'phone';

/** The rows counted: every rating (the daily table) or the phone ratings (the base table, a small share). */
function source(kind: AnnexSource, from: string, to: string): RawBuilder<unknown> {
  return kind === 'all'
    ? sql`rating_daily`
    : sql`(SELECT day, officer_id, agency_id, level, misuse, 1 AS n FROM ratings
           WHERE channel = 'phone' AND day >= ${from} AND day <= ${to})`;
}

export interface CentreCountRow extends AnnexCountRow {
  centre_id: number;
}

/** As the drivers return it: sums (and on PostgreSQL integer columns of a union) may be strings. */
type RawCountRow = Omit<CentreCountRow, 'centre_id' | 'misuse' | 'count'> & {
  centre_id: number | string;
  misuse: number | string;
  count: number | string;
};

/** The counts of the stays `where` picks, each rating under the centre where its officer was that day. */
async function countsThroughStays(
  db: Db,
  from: string,
  to: string,
  kind: AnnexSource,
  where: RawBuilder<unknown>,
): Promise<CentreCountRow[]> {
  const { rows } = await sql<RawCountRow>`
    SELECT s.centre_id, r.officer_id, r.agency_id, r.level, r.misuse, sum(r.n) AS count
    FROM ${STAYS} s
    JOIN ${source(kind, from, to)} r ON r.officer_id = s.officer_id
      AND (s.from_day IS NULL OR s.from_day <= r.day) AND (s.to_day IS NULL OR s.to_day >= r.day)
    WHERE r.day >= ${from} AND r.day <= ${to} AND ${where}
    GROUP BY s.centre_id, r.officer_id, r.agency_id, r.level, r.misuse`.execute(db);
  return rows.map(numeric);
}

// sum() of integers comes back as a string from PostgreSQL.
function numeric(r: RawCountRow): CentreCountRow {
  return { ...r, centre_id: Number(r.centre_id), misuse: Number(r.misuse), count: Number(r.count) };
}

/**
 * A walk of a few officers' days by index: PostgreSQL's parallel workers cost more to start than
 * the walk takes (seen: 190 ms of worker start-up around a 4 ms walk on a busy 2-core server).
 */
async function withoutParallelWorkers<T>(db: Db, run: (db: Db) => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return run(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
    return run(trx);
  });
}

/** One centre's counts over [from, to] per (officer, agency, level, misuse). */
export function centreAnnexCounts(
  db: Db,
  from: string,
  to: string,
  kind: AnnexSource,
  centreId: number,
): Promise<CentreCountRow[]> {
  return withoutParallelWorkers(db, (q) => countsThroughStays(q, from, to, kind, sql`s.centre_id = ${centreId}`));
}

/**
 * Every centre's counts over [from, to]. Most officers stayed at one centre all along: their rows
 * are one GROUP BY of the period, given their centre here; only the officers who moved (a stay
 * with an end) are counted day by day against their stays. An officer id with no stay at all
 * counts nowhere, as in a centre's own report.
 */
export async function provinceAnnexCounts(
  db: Db,
  from: string,
  to: string,
  kind: AnnexSource,
): Promise<CentreCountRow[]> {
  const stays = (
    await sql<{ officer_id: string; centre_id: number | string; from_day: string | null; to_day: string | null }>`
      SELECT officer_id, centre_id, from_day, to_day FROM ${STAYS} s`.execute(db)
  ).rows;
  const staysOf = new Map<string, typeof stays>();
  for (const stay of stays) staysOf.set(stay.officer_id, [...(staysOf.get(stay.officer_id) ?? []), stay]);
  const settled = new Map<string, number>();
  const moved: string[] = [];
  for (const [officerId, own] of staysOf) {
    const only = own.length === 1 ? own[0]! : null;
    if (only && only.from_day === null && only.to_day === null) settled.set(officerId, Number(only.centre_id));
    else moved.push(officerId);
  }
  const { rows } = await sql<Omit<RawCountRow, 'centre_id'>>`
    SELECT r.officer_id, r.agency_id, r.level, r.misuse, sum(r.n) AS count
    FROM ${source(kind, from, to)} r
    WHERE r.day >= ${from} AND r.day <= ${to}
    GROUP BY r.officer_id, r.agency_id, r.level, r.misuse`.execute(db);
  const out: CentreCountRow[] = [];
  for (const row of rows) {
    const centreId = settled.get(row.officer_id);
    if (centreId !== undefined) out.push(numeric({ ...row, centre_id: centreId }));
  }
  for (let i = 0; i < moved.length; i += 500) {
    const part = moved.slice(i, i + 500);
    out.push(...(await countsThroughStays(db, from, to, kind, sql`s.officer_id IN (${sql.join(part)})`)));
  }
  return out;
}

/** The officers who worked at each centre (or at `centreId`) at some time in [from, to]. */
export async function officersAtCentres(
  db: Db,
  from: string,
  to: string,
  centreId: number | null,
): Promise<Map<number, Set<string>>> {
  const oneCentre = centreId === null ? sql`` : sql`AND s.centre_id = ${centreId}`;
  const { rows } = await sql<{ centre_id: number | string; officer_id: string }>`
    SELECT DISTINCT s.centre_id, s.officer_id FROM ${STAYS} s
    WHERE (s.from_day IS NULL OR s.from_day <= ${to}) AND (s.to_day IS NULL OR s.to_day >= ${from}) ${oneCentre}`.execute(
    db,
  );
  const out = new Map<number, Set<string>>();
  for (const row of rows) {
    const id = Number(row.centre_id);
    out.set(id, (out.get(id) ?? new Set()).add(row.officer_id));
  }
  return out;
}
