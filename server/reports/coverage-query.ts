import { sql } from 'kysely';
import { coveragePercent, type CoverageReport, type CoverageRow } from '../../shared/domain/coverage-report.ts';
import { periodLine } from '../../shared/domain/phu-luc-2-builder.ts';
import { toVietnamIso, vietnamDayRange } from '../../shared/domain/vietnam-time.ts';
import { listAgencies } from '../config/config-repo.ts';
import type { Db } from '../db/database.ts';
import { rosterFor } from './phu-luc-2-query.ts';

const collator = new Intl.Collator('vi');

/**
 * Per officer: tickets finished in the period, ratings given in the period (on a served
 * ticket, or walk-up), coverage = ticket ratings ÷ tickets served, and average wait
 * (called − issued) and service (finished − started) in seconds. Misuse presses are left out.
 */
export async function coverageReport(db: Db, from: string, to: string, now: Date): Promise<CoverageReport> {
  const { start, end } = vietnamDayRange(from, to);
  const [s, e] = [start.getTime(), end.getTime()];
  const served = await db
    .selectFrom('tickets_served')
    .select([
      'officer_id',
      sql<number>`count(*)`.as('tickets'),
      sql<number>`avg(called_ms - issued_ms)`.as('wait_ms'),
      sql<number>`avg(finished_ms - started_ms)`.as('service_ms'),
    ])
    .where('finished_ms', '>=', s)
    .where('finished_ms', '<', e)
    .groupBy('officer_id')
    .execute();
  const ratings = await db
    .selectFrom('ratings as r')
    .select([
      'r.officer_id',
      sql<number>`sum(CASE WHEN EXISTS (SELECT 1 FROM tickets_served t WHERE t.ticket_id = r.ticket_id) THEN 1 ELSE 0 END)`.as(
        'on_ticket',
      ),
      sql<number>`count(*)`.as('total'),
    ])
    .where('r.occurred_ms', '>=', s)
    .where('r.occurred_ms', '<', e)
    .where('r.misuse', '=', 0)
    .groupBy('r.officer_id')
    .execute();

  const officers = new Map(
    (await db.selectFrom('officers').select(['id', 'full_name', 'agency_id', 'sort_order']).execute()).map((o) => [
      o.id,
      o,
    ]),
  );
  const agencies = new Map((await listAgencies(db)).map((a) => [a.id, a]));
  const ids = new Set<string>([
    ...(await rosterFor(db, from, to)).map((r) => r.id),
    ...served.map((r) => r.officer_id),
    ...ratings.map((r) => r.officer_id),
  ]);
  const servedBy = new Map(served.map((r) => [r.officer_id, r]));
  const ratedBy = new Map(ratings.map((r) => [r.officer_id, r]));

  const rows = [...ids]
    .map((id) => {
      const officer = officers.get(id);
      const agency = officer ? agencies.get(officer.agency_id) : undefined;
      return { id, officer, agency };
    })
    .sort(
      (a, b) =>
        (a.agency?.order ?? Number.MAX_SAFE_INTEGER) - (b.agency?.order ?? Number.MAX_SAFE_INTEGER) ||
        (a.officer?.sort_order ?? Number.MAX_SAFE_INTEGER) - (b.officer?.sort_order ?? Number.MAX_SAFE_INTEGER) ||
        collator.compare(a.officer?.full_name ?? a.id, b.officer?.full_name ?? b.id),
    )
    .map(({ id, officer, agency }, index): CoverageRow => {
      const t = servedBy.get(id);
      const r = ratedBy.get(id);
      const ticketsServed = t?.tickets ?? 0;
      const ticketRatings = r?.on_ticket ?? 0;
      const total = r?.total ?? 0;
      const seconds = (ms: number | null | undefined) =>
        ms === null || ms === undefined || ticketsServed === 0 ? null : Math.round(ms / 100) / 10;
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
        averageWaitSeconds: seconds(t?.wait_ms),
        averageServiceSeconds: seconds(t?.service_ms),
      };
    });
  return { from, to, periodLine: periodLine(from, to), rows, generatedAt: toVietnamIso(now) };
}
