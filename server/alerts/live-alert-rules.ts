import { sql } from 'kysely';
import type { LiveAlertSettings } from '../../shared/contract/centre-settings.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import type { Db } from '../db/database.ts';

/** An alert the rules found; the store raises it unless one with the same key exists. */
export interface AlertCandidate {
  kind: 'counter_low_ratings' | 'officer_low_coverage';
  dedupeKey: string;
  day: string;
  counterId: string | null;
  officerId: string | null;
  agencyId: string | null;
  total: number;
  count: number;
}

/** A kiosk clock a little ahead of the server's still counts as "now". */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * A counter whose recent ratings are mostly low: at least `counterMinRatings` ratings in the last
 * `counterWindowMinutes`, of which at least `counterLowSharePercent` % are on a low level
 * (Trung bình, Kém by default). Misuse presses never count. Only one alert per counter per
 * window: a counter already alerted within the window stays quiet until the window has passed.
 */
export async function counterLowRatings(
  db: Db,
  settings: LiveAlertSettings,
  counterId: string,
  now: Date,
): Promise<AlertCandidate | null> {
  const windowMs = settings.counterWindowMinutes * 60_000;
  const from = now.getTime() - windowMs;
  const recent = await db
    .selectFrom('live_alerts')
    .select('id')
    .where('kind', '=', 'counter_low_ratings')
    .where('counter_id', '=', counterId)
    .where('raised_ms', '>', from)
    .executeTakeFirst();
  if (recent) return null;
  const rows = await db
    .selectFrom('ratings as r')
    .innerJoin('rating_levels as l', 'l.code', 'r.level')
    .select(['r.id', 'r.occurred_ms', 'r.agency_id', 'l.low'])
    .where('r.counter_id', '=', counterId)
    .where('r.misuse', '=', 0)
    .where('r.occurred_ms', '>=', from)
    .where('r.occurred_ms', '<=', now.getTime() + FUTURE_SKEW_MS)
    .orderBy('r.occurred_ms')
    .orderBy('r.id')
    .execute();
  const low = rows.filter((r) => r.low === 1).length;
  if (rows.length < settings.counterMinRatings || low * 100 < settings.counterLowSharePercent * rows.length) {
    return null;
  }
  const last = rows.at(-1)!;
  return {
    kind: 'counter_low_ratings',
    // The rating that completed the evidence: evaluating the same evidence twice finds the same key.
    dedupeKey: `counter:${counterId}:${last.id}`,
    day: vietnamDay(now),
    counterId,
    officerId: null,
    agencyId: last.agency_id,
    total: rows.length,
    count: low,
  };
}

/**
 * An officer who has served at least `officerMinServed` tickets today (Vietnam day) of which
 * fewer than `officerCoveragePercent` % were rated (misuse presses never count). Once a day.
 */
export async function officerLowCoverage(
  db: Db,
  settings: LiveAlertSettings,
  officerId: string,
  now: Date,
): Promise<AlertCandidate | null> {
  const day = vietnamDay(now);
  const dedupeKey = `officer:${officerId}:${day}`;
  const known = await db.selectFrom('live_alerts').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
  if (known) return null;
  const row = await db
    .selectFrom('tickets_served as t')
    .select([
      sql<number | string>`count(DISTINCT t.ticket_id)`.as('served'),
      sql<number | string>`count(DISTINCT CASE WHEN EXISTS (
        SELECT 1 FROM ratings r WHERE r.ticket_id = t.ticket_id AND r.misuse = 0) THEN t.ticket_id END)`.as('rated'),
      sql<string | null>`max(t.agency_id)`.as('agency_id'),
    ])
    .where('t.officer_id', '=', officerId)
    .where('t.day', '=', day)
    .executeTakeFirst();
  const served = Number(row?.served ?? 0);
  const rated = Number(row?.rated ?? 0);
  if (served < settings.officerMinServed || rated * 100 >= settings.officerCoveragePercent * served) return null;
  return {
    kind: 'officer_low_coverage',
    dedupeKey,
    day,
    counterId: null,
    officerId,
    agencyId: row?.agency_id ?? null,
    total: served,
    count: rated,
  };
}
