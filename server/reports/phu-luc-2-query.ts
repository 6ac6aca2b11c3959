import { sql } from 'kysely';
import { buildPhuLuc2 } from '../../shared/domain/phu-luc-2-builder.ts';
import type { PhuLuc2Report } from '../../shared/domain/phu-luc-2.ts';
import { vietnamDayRange } from '../../shared/domain/vietnam-time.ts';
import { centreName, listAgencies, listAllLevels } from '../config/config-repo.ts';
import type { Db } from '../db/database.ts';
import { readFraming, readNotes } from './report-settings.ts';

/**
 * (officer, agency) pairs assigned during [from, to]: assignment history rows that overlap the
 * period, so an officer who moved or left appears in the past periods as they were then. An
 * officer with no history row (written by some older path) falls back to the officer's row.
 * Pairs that have ratings in the period are added by the callers from their counts.
 */
export async function rosterFor(db: Db, from: string, to: string): Promise<{ id: string; agency_id: string }[]> {
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
  return [...assigned, ...unassigned];
}

/**
 * Counts come from the daily table the ingest keeps: a Phụ lục 2 period is whole Vietnam
 * days, and each rating's day is the Vietnam day of its normalised instant, so summing days
 * equals counting ratings in vietnamDayRange(from, to).
 */
export async function phuLuc2Counts(db: Db, from: string, to: string) {
  const rows = await db
    .selectFrom('rating_daily')
    .select(['officer_id', 'agency_id', 'level', 'misuse', sql<number>`sum(n)`.as('count')])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['officer_id', 'agency_id', 'level', 'misuse'])
    .execute();
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

export async function phuLuc2Report(db: Db, from: string, to: string, now: Date): Promise<PhuLuc2Report> {
  vietnamDayRange(from, to); // throws RangeError on a reversed or invalid period
  const { counts, misuseExcluded } = await phuLuc2Counts(db, from, to);
  const officers = await db.selectFrom('officers').select(['id', 'full_name', 'agency_id', 'sort_order']).execute();
  const roster = await rosterFor(db, from, to);
  return buildPhuLuc2({
    centreName: await centreName(db),
    from,
    to,
    // Inactive levels too: the builder makes a column of one that has ratings in the period.
    levels: await listAllLevels(db),
    agencies: await listAgencies(db),
    officers: officers.map((o) => ({ id: o.id, fullName: o.full_name, agencyId: o.agency_id, order: o.sort_order })),
    roster: roster.map((r) => ({ officerId: r.id, agencyId: r.agency_id })),
    counts,
    misuseExcluded,
    generatedAt: now,
    notes: await readNotes(db, from, to),
    framing: await readFraming(db),
  });
}
