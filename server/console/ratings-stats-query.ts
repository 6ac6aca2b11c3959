import { sql } from 'kysely';
import type {
  Granularity,
  RatingsBucket,
  RatingsOfficerRow,
  RatingsQuery,
  RatingsStats,
} from '../../shared/contract/console-api.ts';
import { coveragePercent } from '../../shared/domain/coverage-report.ts';
import { compareOfficerRows } from '../../shared/domain/officer-order.ts';
import { periodLine, reportLevels } from '../../shared/domain/phu-luc-2-builder.ts';
import { formatDayVi, parseDay, vietnamDayRange } from '../../shared/domain/vietnam-time.ts';
import { listAgencies, listAllLevels, listReasons } from '../config/config-repo.ts';
import type { Db } from '../db/database.ts';
import { badRequest } from '../http-error.ts';
import { averageSeconds, coverageByOfficer } from '../reports/coverage-query.ts';
import { rosterFor } from '../reports/phu-luc-2-query.ts';
import { officerDayAtCentre, type ReportCentre } from '../reports/centre-filter.ts';
import { lowestCoverageOutlier } from '../../shared/domain/coverage-outlier.ts';

const DAY_MS = 86_400_000;
const collator = new Intl.Collator('vi');

const dayNumber = (day: string) => {
  const p = parseDay(day)!;
  return Date.UTC(p.year, p.month - 1, p.date) / DAY_MS;
};
const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Days for a month, weeks up to about four months, months beyond: a chart of at most ~31 bars. */
export function granularityFor(from: string, to: string): Granularity {
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days <= 31) return 'day';
  if (days <= 140) return 'week';
  return 'month';
}

/** The first day of the bucket a day falls in; weeks start on Monday. */
export function bucketStart(day: string, granularity: Granularity): string {
  if (granularity === 'day') return day;
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const n = dayNumber(day);
  // 1970-01-01 was a Thursday: (n + 3) % 7 is 0 on Mondays.
  return dayString(n - ((n + 3) % 7));
}

export function bucketLabel(start: string, granularity: Granularity): string {
  const vi = formatDayVi(start);
  if (granularity === 'day') return vi.slice(0, 5);
  if (granularity === 'week') return `Tuần ${vi.slice(0, 5)}`;
  return `T${Number(start.slice(5, 7))}/${start.slice(0, 4)}`;
}

/** Every bucket of the period, empty ones included, so the time axis has no holes. */
export function bucketsOf(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = [];
  let current = bucketStart(from, granularity);
  const last = dayNumber(to);
  while (dayNumber(current) <= last) {
    out.push(current);
    if (granularity === 'day') current = dayString(dayNumber(current) + 1);
    else if (granularity === 'week') current = dayString(dayNumber(current) + 7);
    else {
      const [y, m] = [Number(current.slice(0, 4)), Number(current.slice(5, 7))];
      current = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    }
  }
  return out;
}

const seconds = averageSeconds;

/**
 * Ratings over a period for the console: the counts come from the daily table the ingest keeps
 * (as Phụ lục 2), tickets and coverage from the served tickets, so a year of a province answers
 * without touching each rating. `centre`: that centre's days of each officer only (null: every centre).
 */
export async function ratingsStats(
  db: Db,
  query: RatingsQuery,
  centre: ReportCentre | null = null,
): Promise<RatingsStats> {
  const { from, to } = query;
  if (from > to) throw badRequest('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', 'bad_period');
  vietnamDayRange(from, to); // a RangeError (400) for an impossible period
  const granularity = granularityFor(from, to);

  let daily = db.selectFrom('rating_daily').where('day', '>=', from).where('day', '<=', to).where('misuse', '=', 0);
  if (query.agencyId) daily = daily.where('agency_id', '=', query.agencyId);
  if (query.officerId) daily = daily.where('officer_id', '=', query.officerId);
  if (centre) daily = daily.where(officerDayAtCentre('rating_daily', centre));
  const seriesRows = await daily
    .select(['day', 'level', sql<number>`sum(n)`.as('n')])
    .groupBy(['day', 'level'])
    .execute();

  // The tables below the chart: every officer of the agency in scope (or of the centre).
  let perOfficer = db.selectFrom('rating_daily').where('day', '>=', from).where('day', '<=', to);
  if (query.agencyId) perOfficer = perOfficer.where('agency_id', '=', query.agencyId);
  if (centre) perOfficer = perOfficer.where(officerDayAtCentre('rating_daily', centre));
  const officerRows = await perOfficer
    .select(['officer_id', 'agency_id', 'level', 'misuse', sql<number>`sum(n)`.as('n')])
    .groupBy(['officer_id', 'agency_id', 'level', 'misuse'])
    .execute();
  // The same columns as Phụ lục 2: active levels plus any level rated in the period.
  const allLevels = await listAllLevels(db);
  const lowBy = new Map(allLevels.map((l) => [l.code, l.low]));
  const levels = reportLevels(
    allLevels,
    officerRows.filter((r) => r.misuse === 0 && r.n > 0).map((r) => r.level),
  );
  const column = new Map(levels.map((l, i) => [l.code, i]));
  const zero = () => levels.map(() => 0);

  // Tickets and coverage: the one definition the coverage report uses too.
  const coverage = await coverageByOfficer(db, from, to, query.agencyId, centre);
  const ticketRows = [...coverage.values()].filter((c) => c.ticketsServed > 0);

  let withReasons = db
    .selectFrom('ratings')
    .select('reasons')
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('reasons', 'is not', null)
    .where('misuse', '=', 0);
  if (query.agencyId) withReasons = withReasons.where('agency_id', '=', query.agencyId);
  if (query.officerId) withReasons = withReasons.where('officer_id', '=', query.officerId);
  if (centre) withReasons = withReasons.where(officerDayAtCentre('ratings', centre));
  const reasonRows = await withReasons.execute();
  let laterReasons = db
    .selectFrom('rating_reason_events as e')
    .innerJoin('ratings as r', 'r.id', 'e.rating_id')
    .select('e.reasons')
    .where('r.day', '>=', from)
    .where('r.day', '<=', to)
    .where('r.misuse', '=', 0);
  if (query.agencyId) laterReasons = laterReasons.where('r.agency_id', '=', query.agencyId);
  if (query.officerId) laterReasons = laterReasons.where('r.officer_id', '=', query.officerId);
  if (centre) laterReasons = laterReasons.where(officerDayAtCentre('r', centre));
  const laterRows = await laterReasons.execute();

  const [agencies, reasonList, officers, roster] = await Promise.all([
    listAgencies(db),
    listReasons(db),
    db.selectFrom('officers').select(['id', 'full_name', 'agency_id', 'sort_order']).execute(),
    rosterFor(db, from, to, centre ?? undefined),
  ]);

  // Series
  const buckets = new Map<string, number[]>(bucketsOf(from, to, granularity).map((b) => [b, zero()]));
  for (const row of seriesRows) {
    const index = column.get(row.level);
    const bucket = buckets.get(bucketStart(row.day, granularity));
    if (index !== undefined && bucket) bucket[index]! += row.n;
  }
  const series: RatingsBucket[] = [...buckets].map(([bucket, counts]) => ({
    start: bucket,
    label: bucketLabel(bucket, granularity),
    counts,
  }));

  // Per officer (and agency at the time of rating)
  const agencyById = new Map(agencies.map((a) => [a.id, a]));
  const officerById = new Map(officers.map((o) => [o.id, o]));
  const rows = new Map<string, { officerId: string; agencyId: string; counts: number[] }>();
  const rowFor = (officerId: string, agencyId: string) => {
    const key = `${officerId}\u0000${agencyId}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { officerId, agencyId, counts: zero() }));
    return row;
  };
  let misuseExcluded = 0;
  for (const row of officerRows) {
    if (row.misuse !== 0) {
      if (!query.officerId || row.officer_id === query.officerId) misuseExcluded += row.n;
      continue;
    }
    const index = column.get(row.level);
    if (index !== undefined) rowFor(row.officer_id, row.agency_id).counts[index]! += row.n;
  }
  for (const r of roster) if (!query.agencyId || r.agency_id === query.agencyId) rowFor(r.id, r.agency_id);
  const listed = new Set([...rows.values()].map((r) => r.officerId));
  for (const t of ticketRows) {
    if (!listed.has(t.officerId)) rowFor(t.officerId, officerById.get(t.officerId)?.agency_id ?? '');
  }
  const orderKey = (row: { officerId: string; agencyId: string }) => {
    const [agency, officer] = [agencyById.get(row.agencyId), officerById.get(row.officerId)];
    return {
      agencyId: row.agencyId,
      agencyOrder: agency?.order,
      agencyName: agency?.name,
      officerId: row.officerId,
      officerOrder: officer?.sort_order,
      fullName: officer?.full_name,
    };
  };
  // Tickets and coverage belong to the officer: shown on the officer's first row only.
  const seen = new Set<string>();
  const byOfficer: RatingsOfficerRow[] = [...rows.values()]
    .sort((a, b) => compareOfficerRows(orderKey(a), orderKey(b)))
    .map((row) => {
      const first = !seen.has(row.officerId);
      seen.add(row.officerId);
      const c = first ? coverage.get(row.officerId) : undefined;
      const served = c?.ticketsServed ?? 0;
      const ticketRatings = c?.ticketRatings ?? 0;
      return {
        officerId: row.officerId,
        fullName: officerById.get(row.officerId)?.full_name ?? row.officerId,
        agencyId: row.agencyId,
        agencyName: agencyById.get(row.agencyId)?.name ?? row.agencyId,
        counts: row.counts,
        total: row.counts.reduce((a, b) => a + b, 0),
        ticketsServed: served,
        ticketRatings,
        coveragePercent: coveragePercent(ticketRatings, served),
        averageWaitSeconds: seconds(c?.waitMsSum ?? 0, served),
        averageServiceSeconds: seconds(c?.serviceMsSum ?? 0, served),
      };
    });

  const byAgencyMap = new Map<string, number[]>();
  for (const row of byOfficer) {
    const counts = byAgencyMap.get(row.agencyId) ?? zero();
    row.counts.forEach((n, i) => (counts[i]! += n));
    byAgencyMap.set(row.agencyId, counts);
  }
  const byAgency = [...byAgencyMap]
    .map(([agencyId, counts]) => ({
      agencyId,
      agencyName: agencyById.get(agencyId)?.name ?? agencyId,
      counts,
      total: counts.reduce((a, b) => a + b, 0),
    }))
    .sort(
      (a, b) =>
        (agencyById.get(a.agencyId)?.order ?? Number.MAX_SAFE_INTEGER) -
        (agencyById.get(b.agencyId)?.order ?? Number.MAX_SAFE_INTEGER),
    );

  // Only the centre's configured reasons, each once per rating (issue 9 item 11): a device token
  // could otherwise fill the list with invented codes or repeat one a thousand times.
  const reasonLabel = new Map(reasonList.map((r) => [r.code, r.label]));
  const reasonCounts = new Map<string, number>();
  for (const row of [...reasonRows, ...laterRows]) {
    try {
      const codes = JSON.parse(row.reasons ?? '[]') as unknown;
      if (Array.isArray(codes))
        for (const code of new Set(codes))
          if (typeof code === 'string' && reasonLabel.has(code))
            reasonCounts.set(code, (reasonCounts.get(code) ?? 0) + 1);
    } catch {
      // A stored reason list is always JSON; a broken one is skipped, not fatal.
    }
  }
  const reasons = [...reasonCounts]
    .map(([code, count]) => ({ code, label: reasonLabel.get(code)!, count }))
    .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));

  const totalsCounts = series.reduce((acc, b) => acc.map((n, i) => n + b.counts[i]!), zero());
  const scopeTickets = query.officerId ? ticketRows.filter((t) => t.officerId === query.officerId) : ticketRows;
  const served = scopeTickets.reduce((sum, t) => sum + t.ticketsServed, 0);
  return {
    from,
    to,
    periodLine: periodLine(from, to),
    levels: levels.map((l) => ({ code: l.code, label: l.label, low: lowBy.get(l.code) ?? false })),
    granularity,
    series,
    byAgency,
    byOfficer,
    lowestCoverageOfficerId: lowestCoverageOutlier(byOfficer),
    reasons,
    totals: {
      counts: totalsCounts,
      total: totalsCounts.reduce((a, b) => a + b, 0),
      ticketsServed: served,
      averageWaitSeconds: seconds(
        scopeTickets.reduce((sum, t) => sum + t.waitMsSum, 0),
        served,
      ),
      averageServiceSeconds: seconds(
        scopeTickets.reduce((sum, t) => sum + t.serviceMsSum, 0),
        served,
      ),
      misuseExcluded,
    },
  };
}
