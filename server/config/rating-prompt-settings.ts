import {
  DEFAULT_RATING_PROMPT_SETTINGS,
  RatingPromptSettingsSchema,
  type RatingPromptSettings,
} from '../../shared/contract/centre-settings.ts';
import type { Db } from '../db/database.ts';
import { readJsonLevelled, type LevelledValue, type SettingLevel } from './centre-settings.ts';

export const RATING_PROMPT_KEY = 'kiosk.rating_prompt';

/** The rating prompt settings a centre's kiosks receive with the configuration (null: the province's). */
export async function ratingPromptAt(db: Db, level: SettingLevel): Promise<LevelledValue<RatingPromptSettings>> {
  return readJsonLevelled(db, RATING_PROMPT_KEY, RatingPromptSettingsSchema, DEFAULT_RATING_PROMPT_SETTINGS, level);
}

export async function readRatingPromptSettings(db: Db, level: SettingLevel = null): Promise<RatingPromptSettings> {
  return (await ratingPromptAt(db, level)).value;
}
