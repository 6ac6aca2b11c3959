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

/**
 * The configuration version a centre's kiosks compare with theirs: the province's counter plus
 * the centre's own (issue 13 §1). Both only go up, so the sum does too; a change of one centre's
 * settings bumps that centre's counter only, and the other centres' kiosks do not download
 * their unchanged configuration again. null: the province's counter alone.
 */
export async function configVersion(db: Db, centreId: number | null = null): Promise<number> {
  const province = Number((await getSetting(db, 'config.version')) ?? 0);
  if (centreId === null) return province;
  const own = await db
    .selectFrom('centre_settings')
    .select('value')
    .where('centre_id', '=', centreId)
    .where('key', '=', 'config.version')
    .executeTakeFirst();
  return province + Number(own?.value ?? 0);
}

/**
 * Every configuration change calls this in its own transaction, so kiosks pull it on next sync:
 * every centre's kiosks (null), or one centre's. On PostgreSQL the UPDATE locks the counter's row
 * until commit, which serialises concurrent edits of one document (queue-routes.ts).
 */
export async function bumpConfigVersion(db: Db, centreId: number | null = null): Promise<number> {
  if (centreId === null) {
    await db
      .updateTable('settings')
      .set({ value: sql<string>`CAST(CAST(value AS integer) + 1 AS text)` })
      .where('key', '=', 'config.version')
      .execute();
  } else {
    await db
      .insertInto('centre_settings')
      .values({ centre_id: centreId, key: 'config.version', value: '1' })
      .onConflict((oc) =>
        oc
          .columns(['centre_id', 'key'])
          .doUpdateSet({ value: sql<string>`CAST(CAST(centre_settings.value AS integer) + 1 AS text)` }),
      )
      .execute();
  }
  return configVersion(db, centreId);
}
