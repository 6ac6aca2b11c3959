import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function configVersion(db: Db): Promise<number> {
  return Number((await getSetting(db, 'config.version')) ?? 0);
}

/** Every configuration change calls this in its own transaction, so kiosks pull it on next sync. */
export async function bumpConfigVersion(db: Db): Promise<number> {
  await db
    .updateTable('settings')
    .set({ value: sql<string>`CAST(CAST(value AS integer) + 1 AS text)` })
    .where('key', '=', 'config.version')
    .execute();
  return configVersion(db);
}
