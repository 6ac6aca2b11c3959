import { randomUUID } from 'node:crypto';
import { bumpConfigVersion } from '../../config/settings.ts';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../http-error.ts';

// A full UUID: eight hex digits collide within a few tens of thousands of ids.
export const newId = (prefix: string) => `${prefix}-${randomUUID()}`;

/** Every province-wide configuration write runs here: one transaction, and every kiosk's version goes up. */
export async function change<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const result = await work(trx);
    await bumpConfigVersion(trx);
    return result;
  });
}

/**
 * A write that only some centres' kiosks see (a counter, an officer): the work names each centre
 * it concerns, and only those centres' versions go up, so the rest of the province's kiosks do
 * not download their unchanged configuration again (issue 13 §1).
 */
export async function changeAtCentres<T>(
  db: Db,
  work: (trx: Db, concerns: (centreId: number) => void) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const centres = new Set<number>();
    const result = await work(trx, (centreId) => centres.add(centreId));
    for (const centreId of centres) await bumpConfigVersion(trx, centreId);
    return result;
  });
}

/** The centre owning a counter or an officer, or a 404 with `missing` if there is none. */
export async function ownerCentre(trx: Db, table: 'counters' | 'officers', id: string, missing: string) {
  const row = await trx.selectFrom(table).select('centre_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(missing);
  return row.centre_id;
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
  const edit = async (trx: Db) => {
    const found = await trx.selectFrom(resource.table).select('id').where('id', '=', resource.id).executeTakeFirst();
    if (!found) throw notFound(resource.missing);
    await resource.edit(trx);
  };
  // A counter is its centre's alone; an agency serves the whole province.
  if (resource.table === 'counters') {
    await changeAtCentres(db, async (trx, concerns) => {
      concerns(await ownerCentre(trx, 'counters', resource.id, resource.missing));
      await edit(trx);
    });
  } else {
    await change(db, edit);
  }
  return (await resource.list(db)).find((row) => row.id === resource.id);
}
