import { sql } from 'kysely';
import { buildPhuLuc2, misuseLine } from '../../shared/domain/phu-luc-2-builder.ts';
import { centreStays } from '../staff/officer-centres.ts';
import type { PhuLuc2Report } from '../../shared/domain/phu-luc-2.ts';
import { vietnamDayRange } from '../../shared/domain/vietnam-time.ts';
import { centreName, listAgencies, listAllLevels, readQueueConfig } from '../config/config-repo.ts';
import { withoutPhoneRatings } from '../phone/phone-annex.ts';
import type { Db } from '../db/database.ts';
import { officerDayAtCentre, type ReportCentre } from './centre-filter.ts';
import { readFraming, readNotes } from './report-settings.ts';

/**
 * (officer, agency) pairs assigned during [from, to]: assignment history rows that overlap the
 * period, so an officer who moved or left appears in the past periods as they were then. An
 * officer with no history row (written by some older path) falls back to the officer's row.
 * Pairs that have ratings in the period are added by the callers from their counts.
 */
export async function rosterFor(
  db: Db,
  from: string,
  to: string,
  centre?: ReportCentre,
): Promise<{ id: string; agency_id: string }[]> {
  const assigned = await db
    .selectFrom('officer_assignments')
    .select(['officer_id as id', 'agency_id'])
    .where((eb) =>
      eb.and([
        eb.or([eb('from_day', 'is', null), eb('from_day', '<=', to)]),
        eb.or([eb('to_day', 'is', null), eb('to_day', '>=', from)]),
      ]),
    )
    .distinct()
    .execute();
  const unassigned = await db
    .selectFrom('officers')
    .select(['id', 'agency_id'])
    .where((eb) =>
      eb.and([
        eb.not(
          eb.exists(
            eb.selectFrom('officer_assignments as a').select('a.id').whereRef('a.officer_id', '=', 'officers.id'),
          ),
        ),
        eb.or([eb('active', '=', 1), eb('active_to', 'is not', null)]),
        eb.or([eb('active_from', 'is', null), eb('active_from', '<=', to)]),
        eb.or([eb('active_to', 'is', null), eb('active_to', '>=', from)]),
      ]),
    )
    .execute();
  const roster = [...assigned, ...unassigned];
  if (!centre) return roster;
  // One centre: the officers who worked there at some time in the period.
  const there = new Set((await centreStays(db, centre.id, from, to)).map((s) => s.officerId));
  return roster.filter((r) => there.has(r.id));
}

/**
 * Counts come from the daily table the ingest keeps: a Phụ lục 2 period is whole Vietnam
 * days, and each rating's day is the Vietnam day of its normalised instant, so summing days
 * equals counting ratings in vietnamDayRange(from, to).
 */
export async function phuLuc2Counts(db: Db, from: string, to: string, centre?: ReportCentre) {
  let query = db
    .selectFrom('rating_daily')
    .select(['officer_id', 'agency_id', 'level', 'misuse', sql<number>`sum(n)`.as('count')])
    .where('day', '>=', from)
    .where('day', '<=', to);
  if (centre) query = query.where(officerDayAtCentre('rating_daily', centre));
  const rows = await query.groupBy(['officer_id', 'agency_id', 'level', 'misuse']).execute();
  // A centre may leave phone ratings out of Phụ lục 2 (issue 11 §3).
  if (!(await readQueueConfig(db, centre?.id ?? null)).options.phoneRatingsInAnnex) {
    return splitMisuse(await withoutPhoneRatings(db, rows, from, to));
  }
  return splitMisuse(rows);
}

/** Grouped rows → the builder's counts (misuse left out) and how many misuse presses were left out. */
export function splitMisuse(
  rows: readonly { officer_id: string; agency_id: string; level: string; misuse: number; count: number }[],
) {
  const counts = rows
    .filter((r) => r.misuse === 0)
    .map((r) => ({ officerId: r.officer_id, agencyId: r.agency_id, level: r.level, count: r.count }));
  const misuseExcluded = rows.filter((r) => r.misuse !== 0).reduce((sum, r) => sum + r.count, 0);
  return { counts, misuseExcluded };
}

/**
 * One centre's Phụ lục 2 (default: the whole database, as a single-centre server made it).
 * `scopeLine`: the centre's name as a title line (a server with several centres).
 */
export async function phuLuc2Report(
  db: Db,
  from: string,
  to: string,
  now: Date,
  options: { centre?: ReportCentre; scopeLine?: boolean; columnCodes?: string[] } = {},
): Promise<PhuLuc2Report> {
  vietnamDayRange(from, to); // throws RangeError on a reversed or invalid period
  const { centre } = options;
  const { counts, misuseExcluded } = await phuLuc2Counts(db, from, to, centre);
  const officers = await db.selectFrom('officers').select(['id', 'full_name', 'agency_id', 'sort_order']).execute();
  const roster = await rosterFor(db, from, to, centre);
  const report = buildPhuLuc2({
    centreName: centre?.name ?? (await centreName(db)),
    ...(options.columnCodes ? { columnCodes: options.columnCodes } : {}),
    from,
    to,
    // Inactive levels too: the builder makes a column of one that has ratings in the period.
    levels: await listAllLevels(db),
    // The centre's own agency order and framing, else the province's (issue 13 §1).
    agencies: await listAgencies(db, centre?.id ?? null),
    officers: officers.map((o) => ({ id: o.id, fullName: o.full_name, agencyId: o.agency_id, order: o.sort_order })),
    roster: roster.map((r) => ({ officerId: r.id, agencyId: r.agency_id })),
    counts,
    misuseExcluded,
    generatedAt: now,
    notes: await readNotes(db, from, to),
    framing: await readFraming(db, centre?.id ?? null),
  });
  return options.scopeLine && centre ? { ...report, scopeLine: centre.name } : report;
}

/** The level codes with ratings in the period anywhere: the province report's shared columns. */
async function countedCodes(db: Db, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('rating_daily')
    .select('level')
    .where('day', '>=', from)
    .where('day', '<=', to)
    .where('misuse', '=', 0)
    .where('n', '>', 0)
    .distinct()
    .execute();
  return rows.map((r) => r.level);
}

/**
 * The province's Phụ lục 2 (issue 13): every centre in turn with its own STT from 1 and its
 * subtotal, then the province total. Every section has the same columns.
 */
export async function phuLuc2ProvinceReport(
  db: Db,
  centres: readonly ReportCentre[],
  from: string,
  to: string,
  now: Date,
): Promise<PhuLuc2Report> {
  const columnCodes = await countedCodes(db, from, to);
  const parts: PhuLuc2Report[] = [];
  for (const centre of centres) parts.push(await phuLuc2Report(db, from, to, now, { centre, columnCodes }));
  const first = parts[0] ?? (await phuLuc2Report(db, from, to, now, { columnCodes }));
  const totals = first.levels.map((_level, index) => parts.reduce((sum, p) => sum + (p.totals[index] ?? 0), 0));
  const misuseExcluded = parts.reduce((sum, p) => sum + p.misuseExcluded, 0);
  return {
    ...first,
    // The province's own framing: the report is signed at the province, not at the first centre.
    framing: await readFraming(db),
    centreName: '',
    scopeLine: 'Các trung tâm trong tỉnh',
    rows: parts.flatMap((p) => p.rows),
    totals,
    misuseExcluded,
    misuseLine: misuseLine(misuseExcluded),
    sections: parts.map((p, index) => ({
      centreId: centres[index]!.id,
      centreCode: centres[index]!.code,
      centreName: centres[index]!.name,
      rows: p.rows,
      totals: p.totals,
    })),
  };
}
