import { sql } from 'kysely';
import {
  addFunnel,
  EMPTY_FUNNEL,
  funnelRow,
  type FunnelCounts,
  type FunnelReport,
} from '../../shared/domain/rating-funnel.ts';
import type { Db } from '../db/database.ts';
import { officerDayAtCentre, type ReportCentre } from './centre-filter.ts';

interface FunnelSqlRow {
  officer_id: string;
  agency_id: string;
  served: number | string;
  prompted: number | string;
  rated: number | string;
  rated_phone: number | string;
  declined: number | string;
  timed_out: number | string;
  busy: number | string;
  no_screen: number | string;
  absent: number | string;
}

const countIf = (condition: string) => sql.raw(`count(DISTINCT CASE WHEN ${condition} THEN ts.ticket_id END)`);

/** Funnel counts per officer and agency over tickets finished on the period's Vietnam days, from the base rows. */
export async function funnelCounts(
  db: Db,
  from: string,
  to: string,
  centre: ReportCentre | null = null,
): Promise<Map<string, FunnelCounts & { agencyId: string }>> {
  const { rows } = await sql<FunnelSqlRow>`
    SELECT ts.officer_id, ts.agency_id,
           count(DISTINCT ts.ticket_id) AS served,
           ${countIf('rp.prompted_ms IS NOT NULL')} AS prompted,
           ${countIf('r.id IS NOT NULL')} AS rated,
           ${countIf("r.channel = 'phone'")} AS rated_phone,
           ${countIf("rp.outcome = 'declined'")} AS declined,
           ${countIf("rp.outcome = 'timed_out'")} AS timed_out,
           ${countIf("rp.reason = 'screen_busy'")} AS busy,
           ${countIf("rp.reason = 'no_screen'")} AS no_screen,
           ${countIf("rp.reason = 'citizen_absent'")} AS absent
      FROM tickets_served ts
      LEFT JOIN rating_prompts rp ON rp.ticket_id = ts.ticket_id
      LEFT JOIN ratings r ON r.ticket_id = ts.ticket_id AND r.misuse = 0
     WHERE ts.day >= ${from} AND ts.day <= ${to} ${centre ? sql`AND ${officerDayAtCentre('ts', centre)}` : sql``}
     GROUP BY ts.officer_id, ts.agency_id`.execute(db);
  const out = new Map<string, FunnelCounts & { agencyId: string }>();
  for (const row of rows) {
    const counts: FunnelCounts = {
      served: Number(row.served),
      prompted: Number(row.prompted),
      rated: Number(row.rated),
      ratedByPhone: Number(row.rated_phone),
      declined: Number(row.declined),
      timedOut: Number(row.timed_out),
      notShownScreenBusy: Number(row.busy),
      notShownNoScreen: Number(row.no_screen),
      notShownCitizenAbsent: Number(row.absent),
    };
    const before = out.get(row.officer_id);
    out.set(row.officer_id, {
      ...(before ? addFunnel(before, counts) : counts),
      agencyId: before?.agencyId ?? row.agency_id,
    });
  }
  return out;
}

/** The funnel per officer (in the order given), per agency and for the centre, with the low outliers marked. */
export async function funnelReport(
  db: Db,
  from: string,
  to: string,
  officers: readonly { id: string; name: string; agencyId: string; agencyName: string }[],
  agencies: readonly { id: string; name: string }[],
  atCentre: ReportCentre | null = null,
): Promise<FunnelReport> {
  const counts = await funnelCounts(db, from, to, atCentre);
  let centre = EMPTY_FUNNEL;
  for (const c of counts.values()) centre = addFunnel(centre, c);
  const byAgency = new Map<string, FunnelCounts>();
  for (const c of counts.values()) byAgency.set(c.agencyId, addFunnel(byAgency.get(c.agencyId) ?? EMPTY_FUNNEL, c));
  return {
    officers: officers.map((o) =>
      funnelRow(o.id, o.name, o.agencyName, counts.get(o.id) ?? EMPTY_FUNNEL, centre, true),
    ),
    agencies: agencies
      .filter((a) => byAgency.has(a.id))
      .map((a) => funnelRow(a.id, a.name, a.name, byAgency.get(a.id)!, centre, false)),
    centre: funnelRow('centre', 'Toàn Trung tâm', '', centre, centre, false),
  };
}
