import { m0001Initial } from './0001-initial.ts';
import { m0002ConsoleAggregates } from './0002-console-aggregates.ts';
import { m0003ConsoleIndexes } from './0003-console-indexes.ts';
import { m0004OneRatingPerTicket } from './0004-one-rating-per-ticket.ts';
import { m0005RatingLevelsActive } from './0005-rating-levels-active.ts';
import { m0006OfficerAssignments } from './0006-officer-assignments.ts';
import { m0007DeviceStatus } from './0007-device-status.ts';
import { m0008DeviceAssignment } from './0008-device-assignment.ts';
import { m0009CentreQueue } from './0009-centre-queue.ts';
import { m0010Hardening } from './0010-hardening.ts';
import { m0011ReportNotes } from './0011-report-notes.ts';
import { m0012LiveAlerts } from './0012-live-alerts.ts';
import { m0013AggregatesInIngest } from './0013-aggregates-in-ingest.ts';
import { m0014DeviceStorage } from './0014-device-storage.ts';
import { m0015PhoneRating } from './0015-phone-rating.ts';
import { m0016LivePages } from './0016-live-pages.ts';
import { m0017RatingFunnel } from './0017-rating-funnel.ts';
import { m0019CounterAccess } from './0019-counter-access.ts';
import { m0020Centres } from './0020-centres.ts';
import { m0021AttributionAndOfficerCode } from './0021-attribution-and-officer-code.ts';
import { m0022PhotoAndPasswordChange } from './0022-photo-and-password-change.ts';
import { m0023VoicePhoneLimitsDayCounts } from './0023-voice-phone-limits-day-counts.ts';
import { m0024QueueByCentre } from './0024-queue-by-centre.ts';
import { m0025AnnexByCentre } from './0025-annex-by-centre.ts';
import { m0026IssuedByCentre } from './0026-issued-by-centre.ts';
import { m0027LiveAlertCentre } from './0027-live-alert-centre.ts';
import type { ServerMigration } from './migration.ts';

/**
 * Every schema change of the central server, oldest first. Append only. Numbers strictly
 * increase (gaps allowed: numbers are handed out to parallel branches before they merge).
 */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  m0001Initial,
  m0002ConsoleAggregates,
  m0003ConsoleIndexes,
  m0004OneRatingPerTicket,
  m0005RatingLevelsActive,
  m0006OfficerAssignments,
  m0007DeviceStatus,
  m0008DeviceAssignment,
  m0009CentreQueue,
  m0010Hardening,
  m0011ReportNotes,
  m0012LiveAlerts,
  m0013AggregatesInIngest,
  m0014DeviceStorage,
  m0015PhoneRating,
  m0016LivePages,
  m0017RatingFunnel,
  m0019CounterAccess,
  m0020Centres,
  m0021AttributionAndOfficerCode,
  m0022PhotoAndPasswordChange,
  m0023VoicePhoneLimitsDayCounts,
  m0024QueueByCentre,
  m0025AnnexByCentre,
  m0026IssuedByCentre,
  m0027LiveAlertCentre,
];
