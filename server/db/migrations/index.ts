import { m0001Initial } from './0001-initial.ts';
import { m0002ConsoleAggregates } from './0002-console-aggregates.ts';
import { m0003ConsoleIndexes } from './0003-console-indexes.ts';
import { m0004OneRatingPerTicket } from './0004-one-rating-per-ticket.ts';
import { m0005RatingLevelsActive } from './0005-rating-levels-active.ts';
import { m0006OfficerAssignments } from './0006-officer-assignments.ts';
import { m0007DeviceStatus } from './0007-device-status.ts';
import { m0010Hardening } from './0010-hardening.ts';
import type { ServerMigration } from './migration.ts';

/** Every schema change of the central server, oldest first. Append only. */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  m0001Initial,
  m0002ConsoleAggregates,
  m0003ConsoleIndexes,
  m0004OneRatingPerTicket,
  m0005RatingLevelsActive,
  m0006OfficerAssignments,
  m0007DeviceStatus,
  m0010Hardening,
];
