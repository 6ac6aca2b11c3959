import {
  DEFAULT_RATING_PROMPT_SETTINGS,
  RatingPromptSettingsSchema,
  type RatingPromptSettings,
} from '../../shared/contract/centre-settings.ts';
import type { Db } from '../db/database.ts';
import { getSetting } from './settings.ts';

export const RATING_PROMPT_KEY = 'kiosk.rating_prompt';

/** The rating prompt settings kiosks receive with the configuration. */
export async function readRatingPromptSettings(db: Db): Promise<RatingPromptSettings> {
  const stored = await getSetting(db, RATING_PROMPT_KEY);
  if (!stored) return DEFAULT_RATING_PROMPT_SETTINGS;
  const parsed = RatingPromptSettingsSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : DEFAULT_RATING_PROMPT_SETTINGS;
}
