import { sql } from 'kysely';
import { coveragePercent, type CoverageReport, type CoverageRow } from '../../shared/domain/coverage-report.ts';
import { compareOfficerRows } from '../../shared/domain/officer-order.ts';
import { periodLine } from '../../shared/domain/phu-luc-2-builder.ts';
import { toVietnamIso, vietnamDayRange } from '../../shared/domain/vietnam-time.ts';
import { listAgencies } from '../config/config-repo.ts';
import type { Db } from '../db/database.ts';
import { funnelReport } from './funnel-query.ts';
import { rosterFor } from './phu-luc-2-query.ts';
import { officerDayAtCentre, type ReportCentre } from './centre-filter.ts';

export interface OfficerCoverage {
  officerId: string;
  /** Tickets the officer finished on the period's Vietnam days. */
  ticketsServed: number;
  waitMsSum: number;
  serviceMsSum: number;
  /** Non-misuse ratings given on the period's days to a ticket that is in tickets_served. */
  ticketRatings: number;
}

/**
 * THE coverage definition, shared by the coverage report and the console: ratings on a served
 * ticket (misuse excluded) ÷ tickets served, both by Vietnam day, per officer. Read from the
 * daily totals the triggers of migration 0002 keep.
 */
export async function coverageByOfficer(
  db: Db,
  from: string,
  to: string,
  agencyId?: string,
  centre: ReportCentre | null = null,
): Promise<Map<string, OfficerCoverage>> {
  let tickets = db.selectFrom('console_ticket_daily').where('day', '>=', from).where('day', '<=', to);
  if (agencyId) tickets = tickets.where('agency_id', '=', agencyId);
  if (centre) tickets = tickets.where(officerDayAtCentre('console_ticket_daily', centre));
  const ticketRows = await tickets
    .select([
      'officer_id',
      sql<number>`sum(n)`.as('n'),
      sql<number>`sum(wait_ms)`.as('wait'),
      sql<number>`sum(service_ms)`.as('service'),
    ])
    .groupBy('officer_id')
    .execute();
  let rated = db.selectFrom('console_rating_ticket_daily').where('day', '>=', from).where('day', '<=', to);
  if (agencyId) rated = rated.where('agency_id', '=', agencyId);
  if (centre) rated = rated.where(officerDayAtCentre('console_rating_ticket_daily', centre));
  const ratedRows = await rated
    .select(['officer_id', sql<number>`sum(n)`.as('n')])
    .groupBy('officer_id')
    .execute();

  const out = new Map<string, OfficerCoverage>();
  const entry = (officerId: string) => {
    let e = out.get(officerId);
    if (!e) out.set(officerId, (e = { officerId, ticketsServed: 0, waitMsSum: 0, serviceMsSum: 0, ticketRatings: 0 }));
    return e;
  };
  for (const t of ticketRows) {
    const e = entry(t.officer_id);
    e.ticketsServed = t.n;
    e.waitMsSum = t.wait;
    e.serviceMsSum = t.service;
  }
  for (const r of ratedRows) entry(r.officer_id).ticketRatings = r.n;
  return out;
}

/** Average of a summed duration in seconds, one decimal; null with no ticket. */
export const averageSeconds = (sumMs: number, n: number) => (n === 0 ? null : Math.round(sumMs / n / 100) / 10);

/**
 * Per officer: tickets finished in the period, ratings given in the period (on a served
 * ticket, or walk-up), coverage (coverageByOfficer), and average wait (called − issued) and
 * service (finished − started) in seconds. Misuse presses are left out. `centre`: that centre's
 * days of each officer only (null: every centre).
 */
export async function coverageReport(
  db: Db,
  from: string,
  to: string,
  now: Date,
  centre: ReportCentre | null = null,
): Promise<CoverageReport> {
  vietnamDayRange(from, to); // throws RangeError on a reversed or invalid period
  const coverage = await coverageByOfficer(db, from, to, undefined, centre);
  let rated = db
    .selectFrom('rating_daily')
    .select(['officer_id', sql<number>`sum(n)`.as('total')])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('misuse', '=', 0);
  if (centre) rated = rated.where(officerDayAtCentre('rating_daily', centre));
  const ratings = await rated.groupBy('officer_id').execute();

  const officers = new Map(
    (await db.selectFrom('officers').select(['id', 'full_name', 'agency_id', 'sort_order']).execute()).map((o) => [
      o.id,
      o,
    ]),
  );
  const agencies = new Map((await listAgencies(db)).map((a) => [a.id, a]));
  const ids = new Set<string>([
    ...(await rosterFor(db, from, to, centre ?? undefined)).map((r) => r.id),
    ...coverage.keys(),
    ...ratings.map((r) => r.officer_id),
  ]);
  const ratedBy = new Map(ratings.map((r) => [r.officer_id, r.total]));

  const rows = [...ids]
    .map((id) => {
      const officer = officers.get(id);
      const agencyId = officer?.agency_id ?? '';
      const agency = agencies.get(agencyId);
      return {
        id,
        officer,
        agency,
        key: {
          agencyId,
          agencyOrder: agency?.order,
          agencyName: agency?.name,
          officerId: id,
          officerOrder: officer?.sort_order,
          fullName: officer?.full_name,
        },
      };
    })
    .sort((a, b) => compareOfficerRows(a.key, b.key))
    .map(({ id, officer, agency }, index): CoverageRow => {
      const c = coverage.get(id);
      const ticketsServed = c?.ticketsServed ?? 0;
      const ticketRatings = c?.ticketRatings ?? 0;
      const total = ratedBy.get(id) ?? 0;
      return {
        stt: index + 1,
        officerId: id,
        fullName: officer?.full_name ?? id,
        agencyName: agency?.name ?? officer?.agency_id ?? '',
        ticketsServed,
        ratingsReceived: total,
        ticketRatings,
        walkUpRatings: total - ticketRatings,
        coveragePercent: coveragePercent(ticketRatings, ticketsServed),
        averageWaitSeconds: averageSeconds(c?.waitMsSum ?? 0, ticketsServed),
        averageServiceSeconds: averageSeconds(c?.serviceMsSum ?? 0, ticketsServed),
      };
    });
  const funnel = await funnelReport(
    db,
    from,
    to,
    rows.map((r) => ({
      id: r.officerId,
      name: r.fullName,
      agencyId: officers.get(r.officerId)?.agency_id ?? '',
      agencyName: r.agencyName,
    })),
    [...agencies.values()].sort((a, b) => a.order - b.order).map((a) => ({ id: a.id, name: a.name })),
    centre,
  );
  return { from, to, periodLine: periodLine(from, to), rows, funnel, generatedAt: toVietnamIso(now) };
}
