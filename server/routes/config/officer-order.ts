import type { Db } from '../../db/database.ts';

/** The next place in an agency's officer order (a new officer goes last). */
export async function nextOfficerOrder(db: Db, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom('officers')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}
