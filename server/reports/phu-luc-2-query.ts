import { sql } from 'kysely';
import { buildPhuLuc2, misuseLine } from '../../shared/domain/phu-luc-2-builder.ts';
import type { PhuLuc2Report } from '../../shared/domain/phu-luc-2.ts';
import { vietnamDayRange } from '../../shared/domain/vietnam-time.ts';
import {
  AGENCY_ORDER_KEY,
  QUEUE_CONFIG_KEY,
  centreName,
  listAgencies,
  listAllLevels,
  readQueueConfig,
} from '../config/config-repo.ts';
import { centresWithOwn, type SettingLevel } from '../config/centre-settings.ts';
import { minusPhone, withoutPhoneRatings, type AnnexCountRow } from '../phone/phone-annex.ts';
import type { Db } from '../db/database.ts';
import { centreAnnexCounts, officersAtCentres, provinceAnnexCounts, type CentreCountRow } from './annex-counts.ts';
import type { ReportCentre } from './centre-filter.ts';
import { FRAMING_KEY, readFraming, readNotes, type ReportNote } from './report-settings.ts';

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
  const there = (await officersAtCentres(db, from, to, centre.id)).get(centre.id) ?? new Set();
  return roster.filter((r) => there.has(r.id));
}

/**
 * Counts come from the daily table the ingest keeps: a Phụ lục 2 period is whole Vietnam
 * days, and each rating's day is the Vietnam day of its normalised instant, so summing days
 * equals counting ratings in vietnamDayRange(from, to). No centre: every row (a single-centre
 * server's report); a centre: its officers' days there (annex-counts.ts).
 */
export async function phuLuc2Counts(db: Db, from: string, to: string, centre?: ReportCentre) {
  const { phoneIn } = await annexSettings(db, centre?.id ?? null);
  if (centre) {
    const rows = await centreAnnexCounts(db, from, to, 'all', centre.id);
    return splitMisuse(phoneIn ? rows : minusPhone(rows, await centreAnnexCounts(db, from, to, 'phone', centre.id)));
  }
  const rows = await db
    .selectFrom('rating_daily')
    .select(['officer_id', 'agency_id', 'level', 'misuse', sql<number>`sum(n)`.as('count')])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['officer_id', 'agency_id', 'level', 'misuse'])
    .execute();
  return splitMisuse(phoneIn ? rows : await withoutPhoneRatings(db, rows, from, to));
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

/** What every centre's report of one period shares: read once for the province's report. */
interface PeriodInputs {
  levels: Awaited<ReturnType<typeof listAllLevels>>;
  officers: { id: string; fullName: string; agencyId: string; order: number }[];
  notes: ReportNote[];
}

async function periodInputs(db: Db, from: string, to: string): Promise<PeriodInputs> {
  const officers = await db.selectFrom('officers').select(['id', 'full_name', 'agency_id', 'sort_order']).execute();
  return {
    // Inactive levels too: the builder makes a column of one that has ratings in the period.
    levels: await listAllLevels(db),
    officers: officers.map((o) => ({ id: o.id, fullName: o.full_name, agencyId: o.agency_id, order: o.sort_order })),
    notes: await readNotes(db, from, to),
  };
}

/** A centre's own settings the annex follows, else the province's (issue 13 §1). */
interface AnnexSettings {
  agencies: Awaited<ReturnType<typeof listAgencies>>;
  framing: Awaited<ReturnType<typeof readFraming>>;
  /** A centre may leave phone ratings out of Phụ lục 2 (issue 11 §3). */
  phoneIn: boolean;
}

async function annexSettings(db: Db, level: SettingLevel): Promise<AnnexSettings> {
  return {
    agencies: await listAgencies(db, level),
    framing: await readFraming(db, level),
    phoneIn: (await readQueueConfig(db, level)).options.phoneRatingsInAnnex,
  };
}

async function buildReport(
  db: Db,
  from: string,
  to: string,
  now: Date,
  period: PeriodInputs,
  centre: ReportCentre | undefined,
  settings: AnnexSettings,
  counted: ReturnType<typeof splitMisuse>,
  roster: readonly { id: string; agency_id: string }[],
  columnCodes?: string[],
): Promise<PhuLuc2Report> {
  return buildPhuLuc2({
    centreName: centre?.name ?? (await centreName(db)),
    ...(columnCodes ? { columnCodes } : {}),
    from,
    to,
    levels: period.levels,
    agencies: settings.agencies,
    officers: period.officers,
    roster: roster.map((r) => ({ officerId: r.id, agencyId: r.agency_id })),
    counts: counted.counts,
    misuseExcluded: counted.misuseExcluded,
    generatedAt: now,
    notes: period.notes,
    framing: settings.framing,
  });
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
  options: { centre?: ReportCentre; scopeLine?: boolean } = {},
): Promise<PhuLuc2Report> {
  vietnamDayRange(from, to); // throws RangeError on a reversed or invalid period
  const { centre } = options;
  const counted = await phuLuc2Counts(db, from, to, centre);
  const roster = await rosterFor(db, from, to, centre);
  const settings = await annexSettings(db, centre?.id ?? null);
  const period = await periodInputs(db, from, to);
  const report = await buildReport(db, from, to, now, period, centre, settings, counted, roster);
  return options.scopeLine && centre ? { ...report, scopeLine: centre.name } : report;
}

/** Rows of one centre, without the centre column. */
function ofCentre(rows: readonly CentreCountRow[], centreId: number): AnnexCountRow[] {
  return rows.filter((r) => r.centre_id === centreId);
}

/**
 * The province's Phụ lục 2 (issue 13): every centre in turn with its own STT from 1 and its
 * subtotal, then the province total. Every section has the same columns: the levels with
 * ratings in the period anywhere. The period's counts, officers and roster are read once for
 * every centre (a province has on the order of a hundred).
 */
export async function phuLuc2ProvinceReport(
  db: Db,
  centres: readonly ReportCentre[],
  from: string,
  to: string,
  now: Date,
): Promise<PhuLuc2Report> {
  vietnamDayRange(from, to);
  const all = await provinceAnnexCounts(db, from, to, 'all');
  const phone = await provinceAnnexCounts(db, from, to, 'phone');
  const columnCodes = [...new Set(all.filter((r) => r.misuse === 0 && r.count > 0).map((r) => r.level))];
  const period = await periodInputs(db, from, to);
  const wholeRoster = await rosterFor(db, from, to);
  const atCentre = await officersAtCentres(db, from, to, null);
  // Most centres follow the province's settings: read those once, a centre's own only if it has some.
  const province = await annexSettings(db, null);
  const own = await centresWithOwn(db, [AGENCY_ORDER_KEY, FRAMING_KEY, QUEUE_CONFIG_KEY]);
  const parts: PhuLuc2Report[] = [];
  for (const centre of centres) {
    const settings = own.has(centre.id) ? await annexSettings(db, centre.id) : province;
    const rows = ofCentre(all, centre.id);
    const counted = splitMisuse(settings.phoneIn ? rows : minusPhone(rows, ofCentre(phone, centre.id)));
    const there = atCentre.get(centre.id) ?? new Set<string>();
    const roster = wholeRoster.filter((r) => there.has(r.id));
    parts.push(await buildReport(db, from, to, now, period, centre, settings, counted, roster, columnCodes));
  }
  const first =
    parts[0] ?? (await buildReport(db, from, to, now, period, undefined, province, splitMisuse([]), [], columnCodes));
  const totals = first.levels.map((_level, index) => parts.reduce((sum, p) => sum + (p.totals[index] ?? 0), 0));
  const misuseExcluded = parts.reduce((sum, p) => sum + p.misuseExcluded, 0);
  return {
    ...first,
    // The province's own framing: the report is signed at the province, not at the first centre.
    framing: province.framing,
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
