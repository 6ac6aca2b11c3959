import { sql } from 'kysely';
import { buildPhuLuc2 } from '../../shared/domain/phu-luc-2-builder.ts';
import type { PhuLuc2Report } from '../../shared/domain/phu-luc-2.ts';
import { vietnamDayRange } from '../../shared/domain/vietnam-time.ts';
import { centreName, listAgencies, listLevels } from '../config/config-repo.ts';
import type { Db } from '../db/database.ts';

/**
 * Officers assigned during [from, to]: their working dates overlap the period, and they are
 * active or have an end date (someone who left keeps their rows for the periods they worked).
 */
export async function rosterFor(db: Db, from: string, to: string) {
  return db
    .selectFrom('officers')
    .select(['id', 'agency_id'])
    .where((eb) =>
      eb.and([
        eb.or([eb('active', '=', 1), eb('active_to', 'is not', null)]),
        eb.or([eb('active_from', 'is', null), eb('active_from', '<=', to)]),
        eb.or([eb('active_to', 'is', null), eb('active_to', '>=', from)]),
      ]),
    )
    .execute();
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
  const counts = rows
    .filter((r) => r.misuse === 0)
    .map((r) => ({ officerId: r.officer_id, agencyId: r.agency_id, level: r.level, count: r.count }));
  const misuseExcluded = rows.filter((r) => r.misuse !== 0).reduce((sum, r) => sum + r.count, 0);
  return { counts, misuseExcluded };
}

/** The same counts straight from the ratings on the UTC instant; used to check the daily table. */
export async function phuLuc2CountsFromRatings(db: Db, from: string, to: string) {
  const { start, end } = vietnamDayRange(from, to);
  const rows = await db
    .selectFrom('ratings')
    .select(['officer_id', 'agency_id', 'level', 'misuse', sql<number>`count(*)`.as('count')])
    .where('occurred_ms', '>=', start.getTime())
    .where('occurred_ms', '<', end.getTime())
    .groupBy(['officer_id', 'agency_id', 'level', 'misuse'])
    .execute();
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
    levels: await listLevels(db),
    agencies: await listAgencies(db),
    officers: officers.map((o) => ({ id: o.id, fullName: o.full_name, agencyId: o.agency_id, order: o.sort_order })),
    roster: roster.map((r) => ({ officerId: r.id, agencyId: r.agency_id })),
    counts,
    misuseExcluded,
    generatedAt: now,
  });
}
