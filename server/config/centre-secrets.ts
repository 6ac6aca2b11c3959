import type { Db } from '../db/database.ts';
import { getSetting, setSetting } from './settings.ts';

/**
 * Centre-wide settings that concern kiosks' people rather than their data: the technician
 * PIN (hashed), when a sign-in ends by itself, and the shortest officer PIN accepted.
 */
const KEY = {
  technicianPinHash: 'technician.pinHash',
  endOfDay: 'duty.endOfDay',
  idleMinutes: 'duty.idleMinutes',
  minPinLength: 'officer.minPinLength',
} as const;

export const DEFAULT_DUTY = { endOfDay: '17:30', idleMinutes: 120 } as const;
/** New officer PINs are at least this long unless the centre says otherwise (the demo keeps 4). */
export const DEFAULT_MIN_PIN_LENGTH = 6;

export interface DutySettings {
  endOfDay: string;
  idleMinutes: number;
}

export async function technicianPinHash(db: Db): Promise<string | null> {
  return getSetting(db, KEY.technicianPinHash);
}

export async function setTechnicianPinHash(db: Db, hash: string): Promise<void> {
  await setSetting(db, KEY.technicianPinHash, hash);
}

export async function dutySettings(db: Db): Promise<DutySettings> {
  const endOfDay = (await getSetting(db, KEY.endOfDay)) ?? DEFAULT_DUTY.endOfDay;
  const idle = Number((await getSetting(db, KEY.idleMinutes)) ?? DEFAULT_DUTY.idleMinutes);
  return { endOfDay, idleMinutes: Number.isInteger(idle) ? idle : DEFAULT_DUTY.idleMinutes };
}

export async function setDutySettings(db: Db, duty: DutySettings): Promise<void> {
  await setSetting(db, KEY.endOfDay, duty.endOfDay);
  await setSetting(db, KEY.idleMinutes, String(duty.idleMinutes));
}

export async function minPinLength(db: Db): Promise<number> {
  const stored = Number((await getSetting(db, KEY.minPinLength)) ?? DEFAULT_MIN_PIN_LENGTH);
  return Number.isInteger(stored) ? stored : DEFAULT_MIN_PIN_LENGTH;
}

export async function setMinPinLength(db: Db, length: number): Promise<void> {
  await setSetting(db, KEY.minPinLength, String(length));
}
