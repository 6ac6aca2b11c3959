import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { previousDay } from './officer-assignments.ts';

/** A new officer works at their centre since ever (their working dates are in officer_assignments). */
export async function startCentre(trx: Db, officerId: string, centreId: number): Promise<void> {
  await trx
    .insertInto('officer_centres')
    .values({ id: randomUUID(), officer_id: officerId, centre_id: centreId, from_day: null, to_day: null })
    .execute();
}

/**
 * An officer moves to another centre on `today` (Vietnam day): the stay at the old centre ends
 * yesterday and one at the new centre opens today, so past periods stay with the old centre's
 * Phụ lục 2 (issue 13: "history kept as for agencies"). Their counter links at the old centre go.
 */
export async function moveOfficerCentre(
  trx: Db,
  officerId: string,
  fromCentre: number,
  toCentre: number,
  today: string,
): Promise<void> {
  if (fromCentre === toCentre) return;
  const open = await trx
    .selectFrom('officer_centres')
    .selectAll()
    .where('officer_id', '=', officerId)
    .where('to_day', 'is', null)
    .orderBy(sql`coalesce(from_day, '')`, 'desc')
    .executeTakeFirst();
  if (open && open.from_day !== null && open.from_day >= today) {
    // Moved again on the day the stay began: that stay never really happened.
    await trx.updateTable('officer_centres').set({ centre_id: toCentre }).where('id', '=', open.id).execute();
  } else {
    if (open) {
      await trx
        .updateTable('officer_centres')
        .set({ to_day: previousDay(today) })
        .where('id', '=', open.id)
        .execute();
    } else {
      // An officer written without history (an older path): the old centre until yesterday.
      await trx
        .insertInto('officer_centres')
        .values({
          id: randomUUID(),
          officer_id: officerId,
          centre_id: fromCentre,
          from_day: null,
          to_day: previousDay(today),
        })
        .execute();
    }
    await trx
      .insertInto('officer_centres')
      .values({ id: randomUUID(), officer_id: officerId, centre_id: toCentre, from_day: today, to_day: null })
      .execute();
  }
  await trx.deleteFrom('counter_officers').where('officer_id', '=', officerId).execute();
}
