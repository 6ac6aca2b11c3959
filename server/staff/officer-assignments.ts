import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { parseDay } from '../../shared/domain/vietnam-time.ts';
import type { Db } from '../db/database.ts';

interface OfficerState {
  agency_id: string;
  active: number;
  active_from: string | null;
  active_to: string | null;
}

export function previousDay(day: string): string {
  const p = parseDay(day)!;
  return new Date(Date.UTC(p.year, p.month - 1, p.date - 1)).toISOString().slice(0, 10);
}

// An open start (null) is the earliest: the same order on both engines (PostgreSQL puts nulls first in DESC).
const startKey = sql<string>`coalesce(from_day, '')`;

async function openAssignment(trx: Db, officerId: string) {
  return trx
    .selectFrom('officer_assignments')
    .selectAll()
    .where('officer_id', '=', officerId)
    .orderBy(startKey, 'desc')
    .executeTakeFirst();
}

/** The first assignment of a new officer: from the start date given, or open (since ever). */
export async function startAssignment(trx: Db, officerId: string, officer: OfficerState): Promise<void> {
  if (officer.active !== 1 && officer.active_to === null) return;
  await trx
    .insertInto('officer_assignments')
    .values({
      id: randomUUID(),
      officer_id: officerId,
      agency_id: officer.agency_id,
      from_day: officer.active_from,
      to_day: officer.active_to,
    })
    .execute();
}

/**
 * Writes the history for an officer change made on `today` (Vietnam day): a move to another
 * agency closes the current assignment yesterday and opens one today; deactivation closes it
 * (on the end date if one is given, else today); reactivation opens a new one; edited working
 * dates move the first start and the last end. Past periods keep the agency of the time.
 */
export async function recordOfficerChange(
  trx: Db,
  officerId: string,
  before: OfficerState,
  after: OfficerState,
  today: string,
): Promise<void> {
  // An officer written by a path that kept no history (demo seed, an older server): start it
  // from the state before the change, so the change itself is recorded.
  if (!(await openAssignment(trx, officerId))) await startAssignment(trx, officerId, before);
  const current = await openAssignment(trx, officerId);
  if (!current) {
    await startAssignment(trx, officerId, after);
    return;
  }
  const isOpen = current.to_day === null || current.to_day >= today;
  const startsToday = current.from_day !== null && current.from_day >= today;
  const becameActive = before.active !== 1 && after.active === 1;
  if (after.agency_id !== before.agency_id && after.active === 1 && isOpen && !becameActive) {
    if (startsToday) {
      // Moved again on the day the assignment began: that one never really happened.
      await trx
        .updateTable('officer_assignments')
        .set({ agency_id: after.agency_id })
        .where('id', '=', current.id)
        .execute();
    } else {
      await trx
        .updateTable('officer_assignments')
        .set({ to_day: previousDay(today) })
        .where('id', '=', current.id)
        .execute();
      await trx
        .insertInto('officer_assignments')
        .values({
          id: randomUUID(),
          officer_id: officerId,
          agency_id: after.agency_id,
          from_day: today,
          to_day: after.active_to,
        })
        .execute();
    }
  } else if (becameActive) {
    const from = after.active_from !== null && after.active_from > today ? after.active_from : today;
    await trx
      .insertInto('officer_assignments')
      .values({
        id: randomUUID(),
        officer_id: officerId,
        agency_id: after.agency_id,
        from_day: from,
        to_day: after.active_to,
      })
      .execute();
  } else if (before.active === 1 && after.active !== 1) {
    const end = after.active_to ?? today;
    await trx.updateTable('officer_assignments').set({ to_day: end }).where('id', '=', current.id).execute();
  } else if (after.active_to !== before.active_to) {
    await trx
      .updateTable('officer_assignments')
      .set({ to_day: after.active_to })
      .where('id', '=', current.id)
      .execute();
  }
  if (after.active_from !== before.active_from) {
    const first = await trx
      .selectFrom('officer_assignments')
      .select('id')
      .where('officer_id', '=', officerId)
      .orderBy(startKey)
      .executeTakeFirst();
    if (first) {
      await trx
        .updateTable('officer_assignments')
        .set({ from_day: after.active_from })
        .where('id', '=', first.id)
        .execute();
    }
  }
}
