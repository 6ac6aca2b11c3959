import { DEFAULT_MISUSE_RULES, MisuseRulesSchema, type MisuseRules } from '../../shared/contract/centre-settings.ts';
import type { Db } from '../db/database.ts';
import { readJsonLevelled, type LevelledValue, type SettingLevel } from './centre-settings.ts';

export const MISUSE_RULES_KEY = 'kiosk.misuse';

/** The walk-up misuse rules a centre's kiosks receive with the configuration (null: the province's). */
export async function misuseRulesAt(db: Db, level: SettingLevel): Promise<LevelledValue<MisuseRules>> {
  return readJsonLevelled(db, MISUSE_RULES_KEY, MisuseRulesSchema, DEFAULT_MISUSE_RULES, level);
}

export async function readMisuseRules(db: Db, level: SettingLevel = null): Promise<MisuseRules> {
  return (await misuseRulesAt(db, level)).value;
}
