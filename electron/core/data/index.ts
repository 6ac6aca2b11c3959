import type { Db } from '../database.ts';
import { prepareConfigTables, type ConfigTablesData } from './config-tables.ts';
import { prepareDuty, type DutyData } from './duty.ts';
import { prepareEvents, type EventsData } from './events.ts';
import { prepareNumberLeases, type NumberLeasesData } from './number-leases.ts';
import { preparePinAttempts, type PinAttemptsData } from './pin-attempts.ts';
import { prepareQueueConfig, type QueueConfigData } from './queue-config.ts';
import { prepareRatingWindows, type RatingWindowsData } from './rating-windows.ts';
import { prepareRatings, type RatingsData } from './ratings.ts';
import { prepareSettings, type SettingsData } from './settings.ts';
import { prepareTicketReads, type TicketReads } from './ticket-reads.ts';
import { prepareTicketWrites, type TicketWrites } from './ticket-writes.ts';

/**
 * Every SQL statement of the kiosk core, by group of tables, as typed functions. Services call
 * these and hold no SQL (eslint.config.js enforces it for electron/core outside data/ and
 * migrations/). Each statement is prepared once per connection: preparing afresh on every call
 * churns native memory the garbage collector cannot see (tens of MB over 100,000 ratings).
 */
export interface KioskData {
  settings: SettingsData;
  configTables: ConfigTablesData;
  duty: DutyData;
  pinAttempts: PinAttemptsData;
  events: EventsData;
  ratings: RatingsData;
  ticketReads: TicketReads;
  ticketWrites: TicketWrites;
  queueConfig: QueueConfigData;
  ratingWindows: RatingWindowsData;
  numberLeases: NumberLeasesData;
}

const byConnection = new WeakMap<Db, KioskData>();

/**
 * The kiosk's data access for a migrated connection: prepared on the first call, the same
 * object on every later one, so each service may ask with the connection it was given.
 */
export function openKioskData(db: Db): KioskData {
  let data = byConnection.get(db);
  if (!data) byConnection.set(db, (data = prepareAll(db)));
  return data;
}

function prepareAll(db: Db): KioskData {
  return {
    settings: prepareSettings(db),
    configTables: prepareConfigTables(db),
    duty: prepareDuty(db),
    pinAttempts: preparePinAttempts(db),
    events: prepareEvents(db),
    ratings: prepareRatings(db),
    ticketReads: prepareTicketReads(db),
    ticketWrites: prepareTicketWrites(db),
    queueConfig: prepareQueueConfig(db),
    ratingWindows: prepareRatingWindows(db),
    numberLeases: prepareNumberLeases(db),
  };
}
