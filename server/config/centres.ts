import type { CentreOut } from '../../shared/contract/centres-api.ts';
import type { Db } from '../db/database.ts';
import { badRequest, conflict } from '../http-error.ts';

/** The province's centres, oldest first: #1 is the one a single-centre database held. */
export async function listCentres(db: Db): Promise<CentreOut[]> {
  return db.selectFrom('centres').select(['id', 'code', 'name']).orderBy('id').execute();
}

/** The default centre wherever a request names none (issue 13: "default: the first centre"). */
export async function firstCentreId(db: Db): Promise<number> {
  const row = await db.selectFrom('centres').select('id').orderBy('id').limit(1).executeTakeFirst();
  if (!row) throw new Error('Cơ sở dữ liệu không có trung tâm nào (thiếu bước nâng cấp 0020).');
  return row.id;
}

export async function centreById(db: Db, id: number): Promise<CentreOut | undefined> {
  return db.selectFrom('centres').select(['id', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function centreByCode(db: Db, code: string): Promise<CentreOut | undefined> {
  return db
    .selectFrom('centres')
    .select(['id', 'code', 'name'])
    .where('code', '=', code.trim().toUpperCase())
    .executeTakeFirst();
}

/** A centre id from a request: it must exist, or the request is refused (nothing is written). */
export async function existingCentre(db: Db, id: number): Promise<CentreOut> {
  const centre = await centreById(db, id);
  if (!centre) throw badRequest(`Không có trung tâm số ${id}.`, 'unknown_centre');
  return centre;
}

export async function centreCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('centres')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function createCentre(db: Db, input: { code: string; name: string }, now: Date): Promise<CentreOut> {
  if (await centreByCode(db, input.code)) throw conflict(`Đã có trung tâm mã "${input.code}".`);
  const row = await db
    .insertInto('centres')
    .values({ code: input.code, name: input.name, created_at: now.toISOString() })
    .returning(['id', 'code', 'name'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function renameCentre(db: Db, id: number, name: string): Promise<void> {
  await db.updateTable('centres').set({ name }).where('id', '=', id).execute();
}
