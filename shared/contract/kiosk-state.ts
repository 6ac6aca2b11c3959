import type { Counter, RatingLevel, RatingReason } from '../domain/config.ts';

export interface OfficerOnDuty {
  id: string;
  fullName: string;
  agencyId: string;
  agencyName: string;
  signedInAt: string;
}

export interface OfficerChoice {
  id: string;
  fullName: string;
  agencyName: string;
}

export interface KioskSettings {
  /** How long the thank-you screen stays before idle. */
  thankYouSeconds: number;
  /** An interrupted flow (reasons, sign-in, technician) returns to idle after this. */
  idleTimeoutSeconds: number;
  /** Walk-up presses closer together than this are kept with a misuse flag. */
  walkUpIntervalSeconds: number;
}

/** Everything the screens need, pushed to them whenever it changes. */
export interface KioskState {
  /** Increases with every change so a screen can ignore a stale copy. */
  revision: number;
  centreName: string;
  counter: Counter | null;
  counters: Counter[];
  officer: OfficerOnDuty | null;
  officers: OfficerChoice[];
  ratingLevels: RatingLevel[];
  ratingReasons: RatingReason[];
  settings: KioskSettings;
}
