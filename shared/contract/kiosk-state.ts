import type { Counter, RatingLevel, RatingReason } from '../domain/config.ts';
import type { QueueState } from './queue-channels.ts';
import type { KioskRole } from './provisioning.ts';

export interface OfficerOnDuty {
  id: string;
  fullName: string;
  agencyId: string;
  agencyName: string;
  signedInAt: string;
  /** The officer's photo (`data:image/…;base64,`) for the idle screen, or null. */
  photo: string | null;
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
  /** The console set this kiosk's spoken rating invitation: the technician's switch is shown but locked. */
  ratingVoiceFromConsole: boolean;
  /** Announcements use a system vi-VN voice where one exists (the centre's choice); else the bundled clips. */
  preferSystemVoice: boolean;
}

/** The settings kept on the kiosk itself; the voice settings come from the console and the centre. */
export type LocalKioskSettings = Omit<KioskSettings, 'ratingVoiceFromConsole' | 'preferSystemVoice'>;

/**
 * The kiosk's link to the central server, for the technician screen. The device token is
 * deliberately absent: it stays in the kiosk database and never reaches a screen.
 */
export interface SyncStatus {
  /** The server this kiosk is enrolled with, or null before enrolment. */
  serverUrl: string | null;
  enrolled: boolean;
  deviceId: string | null;
  /** ISO-8601 instant of the last exchange the server answered, or null. */
  lastSuccessAt: string | null;
  /** Events waiting to be sent (not counting rejected ones). */
  pending: number;
  /** Events the server refused; kept on the kiosk and offered again after a configuration change. */
  rejected: number;
  /** Vietnamese description of the last problem, or null when the last exchange went well. */
  lastError: string | null;
  /** Set while a backlog larger than one batch is being sent. */
  draining: { sent: number; total: number } | null;
}

/**
 * The kiosk's own storage. `full`: the disk is full, new records are refused with `message`
 * (shown to citizen, officer and technician) until space returns; what is stored is kept.
 */
export interface StorageStatus {
  state: 'ok' | 'full';
  /** Vietnamese, for every screen; null while ok. */
  message: string | null;
  /** Since when (Vietnam time ISO-8601), or null while ok. */
  since: string | null;
}

/** An officer whose sign-in is locked after repeated wrong PINs, shown on the officer console. */
export interface OfficerLock {
  officerId: string;
  fullName: string;
  /** Vietnam time ISO-8601: sign-in opens again then. */
  until: string;
}

/** Everything the screens need, pushed to them whenever it changes. */
export interface KioskState {
  /** Increases with every change so a screen can ignore a stale copy. */
  revision: number;
  /**
   * `needs_enrolment`: never enrolled, the setup screen asks for server and code;
   * `awaiting_assignment`: enrolled, the console has not given it a role and counter yet.
   */
  setup: 'needs_enrolment' | 'awaiting_assignment' | 'ready';
  /** The role the console assigned (null: not assigned, or a demo/technician setup). */
  role: KioskRole | null;
  centreName: string;
  counter: Counter | null;
  counters: Counter[];
  officer: OfficerOnDuty | null;
  officers: OfficerChoice[];
  ratingLevels: RatingLevel[];
  ratingReasons: RatingReason[];
  settings: KioskSettings;
  sync: SyncStatus;
  /** Take-number choices, printer status, the last call to announce, a pending ticket rating. */
  queue: QueueState;
  storage: StorageStatus;
  /** Officers locked out of sign-in at this moment. */
  officerLocks: OfficerLock[];
}
