import { z } from 'zod';
import type { LiveAlert, LiveAlertsList } from './centre-settings.ts';
import {
  AlertSettingsSchema,
  type AlertsReport,
  type AttributionMismatchList,
  type BoardSnapshot,
  type ConsoleSession,
  type RatingsStats,
  type TodaySnapshot,
} from './console-api.ts';

/**
 * The response schemas of the console's and the board's routes (issue 12 §3): the server parses
 * every answer with them before sending, so nothing the interface does not name can leave.
 * Each is pinned to its interface in console-api.ts / centre-settings.ts by `sameShape`: a field
 * added to one and not the other fails the type check instead of being silently dropped.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function sameShape<Shape>() {
  return <Schema extends z.ZodType>(
    schema: Schema,
    ...mismatch: Same<z.output<Schema>, Shape> extends true ? [] : [never]
  ): Schema => (mismatch.length === 0 ? schema : schema);
}

const Count = z.number();
const NullableNumber = z.number().nullable();

export const ConsoleSessionSchema = sameShape<ConsoleSession>()(
  z.object({
    username: z.string(),
    role: z.enum(['province_admin', 'admin', 'supervisor']),
    /** The user's centre; null for a province admin. */
    centreId: z.number().nullable(),
    csrfToken: z.string(),
    expiresAt: z.string(),
    mustChangePassword: z.boolean(),
  }),
);

export const UserMeSchema = z.object({
  username: z.string(),
  role: z.enum(['province_admin', 'admin', 'supervisor']),
  /** The user's centre; null for a province admin (every centre). */
  centreId: z.number().nullable(),
  mustChangePassword: z.boolean(),
});

const TodayCounterSchema = z.object({
  counterId: z.string(),
  number: z.number(),
  name: z.string(),
  centreId: z.number().int().nullable(),
  officer: z.object({ id: z.string(), fullName: z.string(), agencyName: z.string(), since: z.string() }).nullable(),
  current: z.object({ number: z.string(), status: z.enum(['called', 'serving']), since: z.string() }).nullable(),
  waiting: Count,
  issuedToday: Count,
  servedToday: Count,
  ratingsToday: Count,
  kiosk: z
    .object({
      deviceId: z.string(),
      name: z.string(),
      online: z.boolean(),
      lastSyncAt: z.string().nullable(),
      printer: z.string().nullable(),
      printerMessage: z.string().nullable(),
    })
    .nullable(),
});

const TodaySnapshotObject = z.object({
  day: z.string(),
  generatedAt: z.string(),
  counters: z.array(TodayCounterSchema),
  totals: z.object({
    issued: Count,
    served: Count,
    waiting: Count,
    ratings: Count,
    byLevel: z.array(z.object({ code: z.string(), label: z.string(), count: Count })),
    misuse: Count,
  }),
});
export const TodaySnapshotSchema = sameShape<TodaySnapshot>()(TodaySnapshotObject);

const RatingsStatsObject = z.object({
  from: z.string(),
  to: z.string(),
  periodLine: z.string(),
  levels: z.array(z.object({ code: z.string(), label: z.string(), low: z.boolean() })),
  granularity: z.enum(['day', 'week', 'month']),
  series: z.array(z.object({ start: z.string(), label: z.string(), counts: z.array(Count) })),
  byAgency: z.array(z.object({ agencyId: z.string(), agencyName: z.string(), counts: z.array(Count), total: Count })),
  byOfficer: z.array(
    z.object({
      officerId: z.string(),
      fullName: z.string(),
      agencyId: z.string(),
      agencyName: z.string(),
      counts: z.array(Count),
      total: Count,
      ticketsServed: Count,
      ticketRatings: Count,
      coveragePercent: NullableNumber,
      averageWaitSeconds: NullableNumber,
      averageServiceSeconds: NullableNumber,
    }),
  ),
  lowestCoverageOfficerId: z.string().nullable(),
  reasons: z.array(z.object({ code: z.string(), label: z.string(), count: Count })),
  totals: z.object({
    counts: z.array(Count),
    total: Count,
    ticketsServed: Count,
    averageWaitSeconds: NullableNumber,
    averageServiceSeconds: NullableNumber,
    misuseExcluded: Count,
  }),
});
export const RatingsStatsSchema = sameShape<RatingsStats>()(RatingsStatsObject);

const AlertsReportObject = z.object({
  settings: AlertSettingsSchema,
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      officerId: z.string(),
      fullName: z.string(),
      agencyName: z.string(),
      ratings: Count,
      lowRatings: Count,
      lowSharePercent: NullableNumber,
      ticketsServed: Count,
      ticketRatings: Count,
      coveragePercent: NullableNumber,
      reasons: z.array(z.enum(['low_share', 'low_coverage'])),
    }),
  ),
});
export const AlertsReportSchema = sameShape<AlertsReport>()(AlertsReportObject);

const BoardCallSchema = z.object({
  counterNumber: z.number(),
  counterName: z.string(),
  number: z.string(),
  calledAt: z.string(),
});
const BoardSnapshotObject = z.object({ current: z.array(BoardCallSchema), recent: z.array(BoardCallSchema) });
export const BoardSnapshotSchema = sameShape<BoardSnapshot>()(BoardSnapshotObject);
/** The centre a board shows (`/board/<code>`): its code and name, nothing else. */
export const BoardCentreSchema = z.object({ code: z.string(), name: z.string() });

const LiveAlertObject = z.object({
  id: z.string(),
  kind: z.enum(['counter_low_ratings', 'officer_low_coverage']),
  day: z.string(),
  raisedAt: z.string(),
  subject: z.string(),
  counterId: z.string().nullable(),
  officerId: z.string().nullable(),
  message: z.string(),
  total: Count,
  count: Count,
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  comment: z.string().nullable(),
  centreId: z.number().int(),
});
export const LiveAlertSchema = sameShape<LiveAlert>()(LiveAlertObject);
const LiveAlertsListObject = z.object({ open: z.array(LiveAlertObject), history: z.array(LiveAlertObject) });
export const LiveAlertsListSchema = sameShape<LiveAlertsList>()(LiveAlertsListObject);

const AttributionMismatchObject = z.object({
  from: z.string(),
  to: z.string(),
  total: Count,
  rows: z.array(
    z.object({
      eventId: z.string(),
      eventType: z.string(),
      day: z.string(),
      officerId: z.string(),
      officerName: z.string(),
      deviceName: z.string(),
      sentAgencyName: z.string(),
      filedAgencyName: z.string(),
      kind: z.enum(['other_agency', 'not_assigned']),
      receivedAt: z.string(),
    }),
  ),
});
export const AttributionMismatchListSchema = sameShape<AttributionMismatchList>()(AttributionMismatchObject);
