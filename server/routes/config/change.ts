import { randomUUID } from 'node:crypto';
import { bumpConfigVersion } from '../../config/settings.ts';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../http-error.ts';

// A full UUID: eight hex digits collide within a few tens of thousands of ids.
export const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

/** Every configuration write runs here: one transaction, and the version goes up. */
export async function change<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const result = await work(trx);
    await bumpConfigVersion(trx);
    return result;
  });
}

/**
 * The pattern every PATCH of a listed resource repeats: in one version-bumping transaction the
 * row must exist (404 otherwise) and the edit runs; the answer is the row as the list shows it.
 */
export async function editExisting<T extends { id: string }>(
  db: Db,
  resource: {
    table: 'agencies' | 'counters';
    id: string;
    missing: string;
    edit: (trx: Db) => Promise<void>;
    list: (db: Db) => Promise<T[]>;
  },
): Promise<T | undefined> {
  await change(db, async (trx) => {
    const found = await trx.selectFrom(resource.table).select('id').where('id', '=', resource.id).executeTakeFirst();
    if (!found) throw notFound(resource.missing);
    await resource.edit(trx);
  });
  return (await resource.list(db)).find((row) => row.id === resource.id);
}
