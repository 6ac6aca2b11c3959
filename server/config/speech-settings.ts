import { SpeechSettingsSchema, type SpeechSettings } from '../../shared/contract/centre-settings.ts';
import type { Db } from '../db/database.ts';
import { getSetting } from './settings.ts';

export const SPEECH_KEY = 'speech';
const DEFAULT_SPEECH: SpeechSettings = { preferSystemVoice: false };

/** How calls are read aloud, for the board and (with the configuration) every kiosk. */
export async function readSpeechSettings(db: Db): Promise<SpeechSettings> {
  const stored = await getSetting(db, SPEECH_KEY);
  if (!stored) return DEFAULT_SPEECH;
  const parsed = SpeechSettingsSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : DEFAULT_SPEECH;
}
