import { startOfVietnamDay, vietnamDay } from './vietnam-time.ts';

/** When a sign-in ends by itself (centre settings, delivered with the configuration). */
export interface DutyLimits {
  /** Vietnam wall-clock HH:MM: the end of the centre's working day. */
  endOfDay: string;
  /** Minutes without an officer action; 0 = no idle limit. */
  idleMinutes: number;
}

export const DEFAULT_DUTY_LIMITS: DutyLimits = { endOfDay: '17:30', idleMinutes: 120 };

const DAY_MS = 24 * 3_600_000;

/**
 * The instant a sign-in made at `signedInMs` ends: the end of that Vietnam day's working day,
 * or, for a sign-in after it (overtime), the following Vietnam midnight. Never the next day's
 * end of work: an officer who forgets to sign out must not collect the next morning's ratings.
 */
export function dutyEndsAt(signedInMs: number, endOfDay: string): number {
  const day = vietnamDay(new Date(signedInMs));
  const dayStart = startOfVietnamDay(day).getTime();
  const [hours, minutes] = endOfDay.split(':').map(Number) as [number, number];
  const end = dayStart + (hours * 60 + minutes) * 60_000;
  return signedInMs < end ? end : dayStart + DAY_MS;
}

interface DutyTimes {
  signed_in_at: string;
  last_active_at: string | null;
}

export function dutyExpired(row: DutyTimes, limits: DutyLimits, nowMs: number): boolean {
  const signedInMs = Date.parse(row.signed_in_at);
  if (nowMs >= dutyEndsAt(signedInMs, limits.endOfDay)) return true;
  if (limits.idleMinutes <= 0) return false;
  const lastMs = Date.parse(row.last_active_at ?? row.signed_in_at);
  return nowMs - lastMs >= limits.idleMinutes * 60_000;
}
