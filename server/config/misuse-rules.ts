import { DEFAULT_MISUSE_RULES, MisuseRulesSchema, type MisuseRules } from '../../shared/contract/centre-settings.ts';
import type { Db } from '../db/database.ts';
import { getSetting } from './settings.ts';

export const MISUSE_RULES_KEY = 'kiosk.misuse';

/** The walk-up misuse rules kiosks receive with the configuration. */
export async function readMisuseRules(db: Db): Promise<MisuseRules> {
  const stored = await getSetting(db, MISUSE_RULES_KEY);
  if (!stored) return DEFAULT_MISUSE_RULES;
  const parsed = MisuseRulesSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : DEFAULT_MISUSE_RULES;
}
