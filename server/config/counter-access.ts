import type { CounterAccess, CounterAccessInput } from '../../shared/contract/server-api.ts';
import type { DeviceAssignment } from '../../shared/contract/provisioning.ts';
import type { Db } from '../db/database.ts';
import { badRequest } from '../http-error.ts';

/** Every counter (of one centre, or of all: null) with the agencies it serves and the officers named for it. */
export async function listCounterAccess(db: Db, centreId: number | null = null): Promise<CounterAccess[]> {
  let query = db.selectFrom('counters').select('id').orderBy('centre_id').orderBy('number');
  if (centreId !== null) query = query.where('centre_id', '=', centreId);
  const counters = await query.execute();
  const agencies = await db.selectFrom('counter_agencies').selectAll().orderBy('agency_id').execute();
  const officers = await db.selectFrom('counter_officers').selectAll().orderBy('officer_id').execute();
  return counters.map((c) => ({
    counterId: c.id,
    agencyIds: agencies.filter((a) => a.counter_id === c.id).map((a) => a.agency_id),
    officerIds: officers.filter((o) => o.counter_id === c.id).map((o) => o.officer_id),
  }));
}

/** Replaces who may sign in at one counter; every officer must exist at the counter's centre (400 otherwise). */
export async function replaceCounterAccess(trx: Db, counterId: string, input: CounterAccessInput): Promise<void> {
  const counter = await trx
    .selectFrom('counters')
    .select('centre_id')
    .where('id', '=', counterId)
    .executeTakeFirstOrThrow();
  const agencyIds = [...new Set(input.agencyIds)];
  const officerIds = [...new Set(input.officerIds)];
  if (agencyIds.length > 0) {
    const found = await trx.selectFrom('agencies').select('id').where('id', 'in', agencyIds).execute();
    const missing = agencyIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) throw badRequest(`Không có cơ quan mã "${missing[0]}".`);
  }
  if (officerIds.length > 0) {
    const found = await trx
      .selectFrom('officers')
      .select('id')
      .where('id', 'in', officerIds)
      .where('centre_id', '=', counter.centre_id)
      .execute();
    const missing = officerIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) throw badRequest(`Không có cán bộ mã "${missing[0]}".`);
  }
  await forgetCounter(trx, counterId);
  if (agencyIds.length > 0) {
    await trx
      .insertInto('counter_agencies')
      .values(agencyIds.map((agency_id) => ({ counter_id: counterId, agency_id })))
      .execute();
  }
  if (officerIds.length > 0) {
    await trx
      .insertInto('counter_officers')
      .values(officerIds.map((officer_id) => ({ counter_id: counterId, officer_id })))
      .execute();
  }
}

/**
 * A new counter serves every active agency, as every counter did before counters had links:
 * nothing stops working when an admin adds one, and the Counters tab shows the whole list for
 * the admin to narrow (PUT /api/v1/counters/:id/access).
 */
export async function linkEveryAgency(trx: Db, counterId: string): Promise<void> {
  const agencies = await trx.selectFrom('agencies').select('id').where('active', '=', 1).execute();
  if (agencies.length === 0) return;
  await trx
    .insertInto('counter_agencies')
    .values(agencies.map((a) => ({ counter_id: counterId, agency_id: a.id })))
    .execute();
}

/** Drops a counter's links (the counter itself is being deleted or its access replaced). */
export async function forgetCounter(trx: Db, counterId: string): Promise<void> {
  await trx.deleteFrom('counter_agencies').where('counter_id', '=', counterId).execute();
  await trx.deleteFrom('counter_officers').where('counter_id', '=', counterId).execute();
}

/**
 * Which officers a kiosk may receive: `'all'` for a kiosk the console has not assigned yet (role
 * null: enrolled before provisioning, or still in setup, which keeps working as before); none
 * for an entrance kiosk or a counter kiosk without a counter; otherwise the officers of the
 * agencies its counter serves plus the officers named for that counter.
 */
export async function officersForDevice(
  db: Db,
  assignment: Pick<DeviceAssignment, 'role' | 'counterId'> | null,
): Promise<'all' | Set<string>> {
  if (assignment === null || assignment.role === null) return 'all';
  if (assignment.role !== 'counter' || assignment.counterId === null) return new Set();
  const counterId = assignment.counterId;
  const byAgency = await db
    .selectFrom('officers as o')
    .innerJoin('counter_agencies as ca', 'ca.agency_id', 'o.agency_id')
    .innerJoin('counters as c', 'c.id', 'ca.counter_id')
    .select('o.id')
    .where('ca.counter_id', '=', counterId)
    // An agency serves many centres: only the counter's centre's officers sign in there.
    .whereRef('o.centre_id', '=', 'c.centre_id')
    .execute();
  const named = await db
    .selectFrom('counter_officers')
    .select('officer_id as id')
    .where('counter_id', '=', counterId)
    .execute();
  return new Set([...byAgency, ...named].map((o) => o.id));
}
