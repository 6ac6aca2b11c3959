import { SpeechSettingsSchema, type SpeechSettings } from '../../shared/contract/centre-settings.ts';
import type { Db } from '../db/database.ts';
import { readJsonLevelled, type LevelledValue, type SettingLevel } from './centre-settings.ts';

export const SPEECH_KEY = 'speech';
const DEFAULT_SPEECH: SpeechSettings = { preferSystemVoice: false };

/** How calls are read aloud, for a centre's board and kiosks (null: the province's). */
export async function speechSettingsAt(db: Db, level: SettingLevel): Promise<LevelledValue<SpeechSettings>> {
  return readJsonLevelled(db, SPEECH_KEY, SpeechSettingsSchema, DEFAULT_SPEECH, level);
}

export async function readSpeechSettings(db: Db, level: SettingLevel = null): Promise<SpeechSettings> {
  return (await speechSettingsAt(db, level)).value;
}
