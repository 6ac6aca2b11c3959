import type { Db } from '../db/database.ts';
import { readLevelled, writeLevelled, type LevelledValue, type SettingLevel } from './centre-settings.ts';

/**
 * Settings that concern kiosks' people rather than their data: the technician PIN (hashed), when
 * a sign-in ends by itself, and the shortest officer PIN accepted. Each at a centre or, by
 * default, the province (centre-settings.ts).
 */
export const SECRET_KEYS = {
  technicianPinHash: 'technician.pinHash',
  endOfDay: 'duty.endOfDay',
  idleMinutes: 'duty.idleMinutes',
  minPinLength: 'officer.minPinLength',
} as const;
const KEY = SECRET_KEYS;

export const DEFAULT_DUTY = { endOfDay: '17:30', idleMinutes: 120 } as const;
/** New officer PINs are at least this long unless the centre says otherwise (the demo keeps 4). */
export const DEFAULT_MIN_PIN_LENGTH = 6;

export interface DutySettings {
  endOfDay: string;
  idleMinutes: number;
}

export async function technicianPinAt(db: Db, level: SettingLevel): Promise<LevelledValue<string | null>> {
  return readLevelled(db, KEY.technicianPinHash, level);
}

export async function technicianPinHash(db: Db, level: SettingLevel = null): Promise<string | null> {
  return (await technicianPinAt(db, level)).value;
}

export async function setTechnicianPinHash(db: Db, hash: string, level: SettingLevel = null): Promise<void> {
  await writeLevelled(db, KEY.technicianPinHash, hash, level);
}

/** Both limits are written together, so one source describes them. */
export async function dutyAt(db: Db, level: SettingLevel): Promise<LevelledValue<DutySettings>> {
  const endOfDay = await readLevelled(db, KEY.endOfDay, level);
  const idleStored = await readLevelled(db, KEY.idleMinutes, level);
  const idle = Number(idleStored.value ?? DEFAULT_DUTY.idleMinutes);
  return {
    value: {
      endOfDay: endOfDay.value ?? DEFAULT_DUTY.endOfDay,
      idleMinutes: Number.isInteger(idle) ? idle : DEFAULT_DUTY.idleMinutes,
    },
    source: endOfDay.source,
  };
}

export async function dutySettings(db: Db, level: SettingLevel = null): Promise<DutySettings> {
  return (await dutyAt(db, level)).value;
}

export async function setDutySettings(db: Db, duty: DutySettings, level: SettingLevel = null): Promise<void> {
  await writeLevelled(db, KEY.endOfDay, duty.endOfDay, level);
  await writeLevelled(db, KEY.idleMinutes, String(duty.idleMinutes), level);
}

export async function minPinLengthAt(db: Db, level: SettingLevel): Promise<LevelledValue<number>> {
  const stored = await readLevelled(db, KEY.minPinLength, level);
  const length = Number(stored.value ?? DEFAULT_MIN_PIN_LENGTH);
  return Number.isInteger(length)
    ? { value: length, source: stored.source }
    : { value: DEFAULT_MIN_PIN_LENGTH, source: 'default' };
}

export async function minPinLength(db: Db, level: SettingLevel = null): Promise<number> {
  return (await minPinLengthAt(db, level)).value;
}

export async function setMinPinLength(db: Db, length: number, level: SettingLevel = null): Promise<void> {
  await writeLevelled(db, KEY.minPinLength, String(length), level);
}
