import type { DeviceAssignment, KioskRole } from '../../shared/contract/provisioning.ts';
import type { SyncConfig } from '../../shared/contract/sync-protocol.ts';
import { CONSOLE_RATING_VOICE_KEY, type ConfigStore } from './config-store.ts';
import { DEFAULT_DUTY_LIMITS, type DutyLimits } from '../../shared/domain/duty-limits.ts';

/** Settings keys written from the server's answers (h8b reads `kiosk.role`). */
export const ASSIGNMENT_KEYS = {
  role: 'kiosk.role',
  counterId: 'kiosk.counterId',
  printer: 'kiosk.printer',
  technicianPinHash: 'technician.pinHash',
  dutyLimits: 'duty.limits',
} as const;

export type StoredPrinter = NonNullable<DeviceAssignment['printer']>;

/**
 * Stores what the console assigned this kiosk. Returns the printer when it changed (so the
 * caller swaps the transport at run time), `undefined` when it did not. A kiosk the console
 * has not assigned yet (role null) keeps what it has (the demo's counter, a technician's).
 */
export function storeAssignment(config: ConfigStore, assignment: DeviceAssignment): StoredPrinter | null | undefined {
  if (assignment.role === null) return undefined;
  config.setSetting(ASSIGNMENT_KEYS.role, assignment.role);
  if (assignment.role === 'counter' && assignment.counterId !== null) {
    config.setSetting(ASSIGNMENT_KEYS.counterId, assignment.counterId);
  } else if (assignment.role === 'entrance') {
    config.deleteSetting(ASSIGNMENT_KEYS.counterId);
  }
  const next = assignment.printer === null ? null : JSON.stringify(assignment.printer);
  if (next === config.getSetting(ASSIGNMENT_KEYS.printer)) return undefined;
  if (next === null) {
    // The console handed the printer back to the kiosk's own setting (--printer).
    config.deleteSetting(ASSIGNMENT_KEYS.printer);
    return null;
  }
  config.setSetting(ASSIGNMENT_KEYS.printer, next);
  return assignment.printer;
}

/**
 * Stores the console's choice of the spoken rating invitation for this kiosk (null or absent
 * from an older server: the technician's switch decides). True when what the kiosk does changed.
 */
export function storeRatingVoice(config: ConfigStore, assignment: DeviceAssignment): boolean {
  const next =
    assignment.ratingVoice === undefined || assignment.ratingVoice === null
      ? null
      : assignment.ratingVoice
        ? 'on'
        : 'off';
  if (next === config.getSetting(CONSOLE_RATING_VOICE_KEY)) return false;
  if (next === null) config.deleteSetting(CONSOLE_RATING_VOICE_KEY);
  else config.setSetting(CONSOLE_RATING_VOICE_KEY, next);
  return true;
}

export function storedPrinter(config: ConfigStore): StoredPrinter | null {
  const stored = config.getSetting(ASSIGNMENT_KEYS.printer);
  return stored ? (JSON.parse(stored) as StoredPrinter) : null;
}

export function storedRole(config: ConfigStore): KioskRole | null {
  const role = config.getSetting(ASSIGNMENT_KEYS.role);
  return role === 'counter' || role === 'entrance' ? role : null;
}

/** The centre-wide part of a configuration: the technician PIN hash and the duty limits. */
export function storeCentre(config: ConfigStore, sync: SyncConfig): void {
  // A server without a technician PIN yet leaves the kiosk's (the demo's 9999, or none).
  if (sync.technicianPinHash) config.setSetting(ASSIGNMENT_KEYS.technicianPinHash, sync.technicianPinHash);
  if (sync.duty) config.setSetting(ASSIGNMENT_KEYS.dutyLimits, JSON.stringify(sync.duty));
}

export function dutyLimits(config: ConfigStore): DutyLimits {
  const stored = config.getSetting(ASSIGNMENT_KEYS.dutyLimits);
  return stored ? { ...DEFAULT_DUTY_LIMITS, ...(JSON.parse(stored) as Partial<DutyLimits>) } : DEFAULT_DUTY_LIMITS;
}
