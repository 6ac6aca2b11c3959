import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import { getSetting, setSetting } from './settings.ts';

/**
 * Settings at two levels (issue 13 §1): the province's default in `settings`, a centre's own
 * value in `centre_settings`. A centre reads its own value, else the province's, else the
 * built-in default; a centre that never changed a setting follows every later province change.
 */

/** Where a setting is read or written: a centre's id, or null for the province default. */
export type SettingLevel = number | null;

/** Where an effective value came from, so the console can say "riêng của trung tâm" or "theo tỉnh". */
export type SettingSource = 'centre' | 'province' | 'default';

export interface LevelledValue<T> {
  value: T;
  source: SettingSource;
}

async function centreValue(db: Db, key: string, centreId: number): Promise<string | null> {
  const row = await db
    .selectFrom('centre_settings')
    .select('value')
    .where('centre_id', '=', centreId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value ?? null;
}

/** The text stored for `key` as `level` sees it. */
export async function readLevelled(db: Db, key: string, level: SettingLevel): Promise<LevelledValue<string | null>> {
  if (level !== null) {
    const own = await centreValue(db, key, level);
    if (own !== null) return { value: own, source: 'centre' };
  }
  const province = await getSetting(db, key);
  return { value: province, source: province === null ? 'default' : 'province' };
}

/** Writes `key` at `level` only: a province write leaves centres' own values alone. */
export async function writeLevelled(db: Db, key: string, value: string, level: SettingLevel): Promise<void> {
  if (level === null) return setSetting(db, key, value);
  await db
    .insertInto('centre_settings')
    .values({ centre_id: level, key, value })
    .onConflict((oc) => oc.columns(['centre_id', 'key']).doUpdateSet({ value }))
    .execute();
}

/** A centre follows the province again for `key`. Returns whether it had its own value. */
export async function clearCentreSetting(db: Db, key: string, centreId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('centre_settings')
    .where('centre_id', '=', centreId)
    .where('key', '=', key)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The centres with their own value for any of `keys` (one read for a report over every centre). */
export async function centresWithOwn(db: Db, keys: readonly string[]): Promise<Set<number>> {
  const rows = await db.selectFrom('centre_settings').select('centre_id').where('key', 'in', keys).distinct().execute();
  return new Set(rows.map((r) => r.centre_id));
}

/** The keys a centre has its own value for. */
export async function centreOwnKeys(db: Db, centreId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('centre_settings').select('key').where('centre_id', '=', centreId).execute();
  return new Set(rows.map((r) => r.key));
}

/**
 * A JSON setting parsed with its schema; a stored value that no longer parses (hand-edited, an
 * older shape) reads as the built-in default rather than failing the kiosk's sync.
 */
export async function readJsonLevelled<T>(
  db: Db,
  key: string,
  schema: z.ZodType<T>,
  fallback: T,
  level: SettingLevel,
): Promise<LevelledValue<T>> {
  const stored = await readLevelled(db, key, level);
  if (stored.value === null) return { value: fallback, source: 'default' };
  let json: unknown;
  try {
    json = JSON.parse(stored.value);
  } catch {
    return { value: fallback, source: 'default' };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { value: parsed.data, source: stored.source } : { value: fallback, source: 'default' };
}
