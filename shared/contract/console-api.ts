import { z } from 'zod';
import { ReadCentreQuerySchema } from './centres-api.ts';
import { ReportDaySchema } from '../domain/plausible-instant.ts';

/**
 * What the supervisor console and the waiting-room board read from the central server, beyond
 * the endpoints of server-api.ts. Shapes only: the server builds them, the browser renders them.
 */
/** Report period bounds: a real day in plausible years (an absurd bound is a 400, not a 500). */
const Day = ReportDaySchema;
const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'Mã không hợp lệ');

export interface ConsoleSession {
  username: string;
  role: 'province_admin' | 'admin' | 'supervisor';
  centreId: number | null;
  /** Sent back as X-Hailong-CSRF on every cookie-authenticated write. */
  csrfToken: string;
  expiresAt: string;
  /** Until the person replaces a password someone else chose, the console shows only the change page. */
  mustChangePassword: boolean;
}

/** Admin pages and buttons: a centre's admin and a province admin alike. */
export const isAdminRole = (role: ConsoleSession['role'] | undefined): boolean =>
  role === 'admin' || role === 'province_admin';

/** One counter on the Today page. */
export interface TodayCounter {
  counterId: string;
  number: number;
  name: string;
  /** The counter's centre (numbers repeat between centres); null when not known. */
  centreId: number | null;
  officer: { id: string; fullName: string; agencyName: string; since: string } | null;
  /** The ticket called or being served at this counter now. */
  current: { number: string; status: 'called' | 'serving'; since: string } | null;
  waiting: number;
  issuedToday: number;
  servedToday: number;
  ratingsToday: number;
  kiosk: {
    deviceId: string;
    name: string;
    online: boolean;
    lastSyncAt: string | null;
    /** The reported printer state (ok, paper_out, …); null: the kiosk does not report its printer. */
    printer: string | null;
    /** The kiosk's own Vietnamese sentence about its printer. */
    printerMessage: string | null;
  } | null;
}

export interface TodaySnapshot {
  /** YYYY-MM-DD, Vietnam time. */
  day: string;
  generatedAt: string;
  counters: TodayCounter[];
  totals: {
    issued: number;
    served: number;
    waiting: number;
    ratings: number;
    /** In the scale's order. */
    byLevel: { code: string; label: string; count: number }[];
    misuse: number;
  };
}

export const RatingsQuerySchema = ReadCentreQuerySchema.extend({
  from: Day,
  to: Day,
  agencyId: Id.optional(),
  officerId: Id.optional(),
});
export type RatingsQuery = z.infer<typeof RatingsQuerySchema>;

export type Granularity = 'day' | 'week' | 'month';

export interface RatingsBucket {
  /** First day of the bucket, YYYY-MM-DD. */
  start: string;
  /** "05/01", "Tuần 02/01", "T1/2026" */
  label: string;
  counts: number[];
}

export interface RatingsOfficerRow {
  officerId: string;
  fullName: string;
  agencyId: string;
  agencyName: string;
  counts: number[];
  total: number;
  ticketsServed: number;
  ticketRatings: number;
  /** ticketRatings ÷ ticketsServed × 100; null when nothing was served. */
  coveragePercent: number | null;
  averageWaitSeconds: number | null;
  averageServiceSeconds: number | null;
}

export interface RatingsStats {
  from: string;
  to: string;
  periodLine: string;
  levels: { code: string; label: string; low: boolean }[];
  granularity: Granularity;
  /** For the selected scope (whole centre, one agency, or one officer). */
  series: RatingsBucket[];
  byAgency: { agencyId: string; agencyName: string; counts: number[]; total: number }[];
  byOfficer: RatingsOfficerRow[];
  /** The lowest-coverage officer when a real outlier (the funnel's rule, shared/domain/coverage-outlier.ts), else null. */
  lowestCoverageOfficerId: string | null;
  /** Reasons given with low ratings, most frequent first. */
  reasons: { code: string; label: string; count: number }[];
  totals: {
    counts: number[];
    total: number;
    ticketsServed: number;
    averageWaitSeconds: number | null;
    averageServiceSeconds: number | null;
    misuseExcluded: number;
  };
}

export const AlertSettingsSchema = z.object({
  days: z.number().int().min(1).max(366),
  /** An officer is listed when low ratings ÷ ratings reaches this percentage … */
  lowSharePercent: z.number().min(0).max(100),
  /** … or when coverage falls below this percentage. */
  coveragePercent: z.number().min(0).max(100),
  /** Fewer ratings (or tickets) than this say too little to raise an alert. */
  minRatings: z.number().int().min(1).max(100_000),
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  days: 30,
  lowSharePercent: 10,
  coveragePercent: 50,
  minRatings: 5,
};

export interface AlertRow {
  officerId: string;
  fullName: string;
  agencyName: string;
  ratings: number;
  lowRatings: number;
  lowSharePercent: number | null;
  ticketsServed: number;
  ticketRatings: number;
  coveragePercent: number | null;
  reasons: ('low_share' | 'low_coverage')[];
}

export interface AlertsReport {
  settings: AlertSettings;
  from: string;
  to: string;
  rows: AlertRow[];
}

/** The only thing the public board ever receives about a call. */
export interface BoardCall {
  counterNumber: number;
  counterName: string;
  number: string;
  calledAt: string;
}

export interface BoardSnapshot {
  /** The latest call at each counter, by counter number. */
  current: BoardCall[];
  /** The latest calls, newest first. */
  recent: BoardCall[];
}

/** Issue 9 item 8: an event whose (officer, agency) the assignment history contradicted. */
export interface AttributionMismatchRow {
  eventId: string;
  /** 'rating.submitted' or 'ticket.finished'. */
  eventType: string;
  /** Vietnam day the event was filed on, YYYY-MM-DD. */
  day: string;
  officerId: string;
  officerName: string;
  deviceName: string;
  sentAgencyName: string;
  filedAgencyName: string;
  /** other_agency: the officer belonged to another agency that day; not_assigned: to none. */
  kind: 'other_agency' | 'not_assigned';
  receivedAt: string;
}

export interface AttributionMismatchList {
  from: string;
  to: string;
  /** All mismatches of the period; `rows` holds the latest ATTRIBUTION_LIST_MAX. */
  total: number;
  rows: AttributionMismatchRow[];
}

export const ATTRIBUTION_LIST_MAX = 500;

export const AttributionQuerySchema = ReadCentreQuerySchema.extend({ from: Day, to: Day });
