import { z } from 'zod';
import { SyncConfigSchema } from './sync-protocol.ts';
import { IdSchema, RatingLevelSchema, RatingReasonSchema } from '../domain/config.ts';
import { nfc } from '../domain/text.ts';
import { PriorityCategorySchema, QueueOptionsSchema, QueueServiceSchema } from '../domain/queue-config.ts';
import { KIOSK_ROLES } from './provisioning.ts';
import { ReportDaySchema } from '../domain/plausible-instant.ts';
import { CentreIdSchema, ReadCentreQuerySchema } from './centres-api.ts';

/** Request and response shapes of the central server's HTTP API (besides sync). */
const Name = z.string().trim().min(1, 'Không được để trống').max(200).transform(nfc);
/** Report period bounds: a real day in plausible years (an absurd bound is a 400, not a 500). */
const Day = ReportDaySchema;

/** A province admin manages every centre; an admin or supervisor works for one centre (issue 13). */
export const RoleSchema = z.enum(['province_admin', 'admin', 'supervisor']);
export type Role = z.infer<typeof RoleSchema>;

export const LoginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  /**
   * `cookie`: the browser console; the session stays in an HttpOnly cookie and no token is
   * returned to page scripts. `bearer`: kiosks and scripts; the token only, no cookie.
   * Not given: both, as older clients expect.
   */
  session: z.enum(['cookie', 'bearer']).optional(),
});
export const LoginResponseSchema = z.object({
  /** Absent for a cookie session. */
  token: z.string().optional(),
  /** Send back as header X-Hailong-CSRF on cookie-authenticated writes. */
  csrfToken: z.string(),
  role: RoleSchema,
  /** The user's centre; null for a province admin. */
  centreId: CentreIdSchema.nullable(),
  username: z.string(),
  expiresAt: z.string(),
  /** The password was chosen by someone else (an admin, or a reset): nothing else works until it is changed. */
  mustChangePassword: z.boolean(),
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  /** The centre an admin or supervisor works for; null for a province admin. */
  centreId: CentreIdSchema.nullable(),
});
export const UserCreateSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.-]{3,64}$/, 'Tên đăng nhập gồm 3–64 chữ thường, số, dấu chấm, gạch'),
  password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(256),
  role: RoleSchema,
  /** An admin's or supervisor's centre (default: the first centre); ignored for a province admin. */
  centreId: CentreIdSchema.optional(),
});
const NewPasswordSchema = z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(256);
/** A person replaces their own password (required first when someone else chose it). */
export const PasswordChangeSchema = z
  .object({ currentPassword: z.string().min(1, 'Hãy nhập mật khẩu hiện tại').max(256), newPassword: NewPasswordSchema })
  .refine((b) => b.newPassword !== b.currentPassword, {
    error: 'Mật khẩu mới phải khác mật khẩu hiện tại',
    path: ['newPassword'],
  });
export const UserUpdateSchema = z.object({
  password: z.string().min(10, 'Mật khẩu cần ít nhất 10 ký tự').max(256).optional(),
  role: RoleSchema.optional(),
  disabled: z.boolean().optional(),
  centreId: CentreIdSchema.optional(),
});

export const EnrollmentCodeRequestSchema = z.object({
  /** Hours the code stays valid (default 24). */
  validHours: z
    .number()
    .min(0.01)
    .max(24 * 30)
    .optional(),
  /** The centre the kiosk joins (default: the caller's centre, or the first centre). */
  centreId: CentreIdSchema.optional(),
});
export const EnrollmentCodeResponseSchema = z.object({ code: z.string(), expiresAt: z.string() });

export const DeviceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastSyncAt: z.string().nullable(),
  lastSeq: z.number(),
  eventCount: z.number(),
  /** Sequence numbers below lastSeq that never arrived. */
  gaps: z.number(),
  clockOffsetMs: z.number().nullable(),
  /** True when the device clock is more than 5 minutes off. */
  clockWarning: z.boolean(),
  /** Events filed at a corrected time because this device's clock was off (server/sync/event-time.ts). */
  clockCorrectedEvents: z.number(),
  lastClockCorrectionAt: z.string().nullable(),
  version: z.string().nullable(),
  configVersion: z.number().nullable(),
  revoked: z.boolean(),
  /** The printer as the kiosk last reported it; null when it reports none or predates reporting. */
  printer: z.object({ state: z.string(), message: z.string() }).nullable(),
  /** Events waiting in the kiosk's outbox at its last sync; null when it never reported. */
  pendingEvents: z.number().nullable(),
  /** The kiosk said at its last sync that its disk is full: it refuses new records until space returns. */
  storageFull: z.boolean(),
  appVersion: z.string().nullable(),
  /** What the console assigned (PATCH /api/v1/devices/:id); null until it does. */
  role: z.enum(KIOSK_ROLES).nullable(),
  counterId: z.string().nullable(),
  assignedPrinter: z.object({ url: z.string(), paperWidth: z.number() }).nullable(),
  /** The rating prompt's voice invitation as the console set it; null: the kiosk's technician decides. */
  ratingVoice: z.boolean().nullable(),
  /** The last sync the server refused (an unknown protocol version), shown on the Kiosks page. */
  syncRefusal: z.object({ message: z.string(), at: z.string() }).nullable(),
});
export type DeviceSummary = z.infer<typeof DeviceSummarySchema>;

export const AgencyInputSchema = z.object({
  id: IdSchema.optional(),
  name: Name,
  order: z.number().int().min(0),
  active: z.boolean().default(true),
});
export const AgencyPatchSchema = AgencyInputSchema.omit({ id: true }).partial();
export const AgencyOutSchema = z.object({ id: z.string(), name: z.string(), order: z.number(), active: z.boolean() });

export const OfficerInputSchema = z.object({
  id: IdSchema.optional(),
  fullName: Name,
  agencyId: IdSchema,
  order: z.number().int().min(0).optional(),
  active: z.boolean().default(true),
  activeFrom: Day.nullable().optional(),
  activeTo: Day.nullable().optional(),
  /** Where the officer works (default: the first centre); a patch moves the officer, history kept. */
  centreId: CentreIdSchema.optional(),
});
export const OfficerPatchSchema = OfficerInputSchema.omit({ id: true }).partial();
export const OfficerOutSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  order: z.number(),
  active: z.boolean(),
  activeFrom: z.string().nullable(),
  activeTo: z.string().nullable(),
  hasPin: z.boolean(),
  /** Where the officer works now (issue 13). */
  centreId: z.number().optional(),
  /** A photo for the kiosk's idle screen is stored (fetched on its own: it is large). */
  hasPhoto: z.boolean(),
});
/** The stored photo as a `data:` URL, or null. */
export const OfficerPhotoSchema = z.object({ photo: z.string().nullable() });
export type OfficerOut = z.infer<typeof OfficerOutSchema>;
export const OfficerPinSchema = z.object({ pin: z.string().regex(/^\d{4,8}$/, 'Mã PIN gồm 4 đến 8 chữ số') });

export const CounterInputSchema = z.object({
  id: IdSchema.optional(),
  number: z.number().int().min(1).max(999),
  name: Name,
  /** The counter's centre (default: the caller's centre, or the first centre). */
  centreId: CentreIdSchema.optional(),
});
export const CounterPatchSchema = CounterInputSchema.omit({ id: true, centreId: true }).partial();

export const ServiceInputSchema = QueueServiceSchema;
export const QueueOptionsInputSchema = QueueOptionsSchema;
export const PriorityCategoriesSchema = z.array(PriorityCategorySchema);
export const RatingScaleSchema = z
  .array(RatingLevelSchema)
  .min(2)
  .max(10)
  .refine((levels) => new Set(levels.map((l) => l.code)).size === levels.length, 'Mã mức đánh giá bị trùng');
export const RatingReasonsSchema = z
  .array(RatingReasonSchema)
  .refine((reasons) => new Set(reasons.map((r) => r.code)).size === reasons.length, 'Mã lý do bị trùng');
export const CentreSchema = z.object({ centreName: Name });

export const StaffImportResultSchema = z.object({
  dryRun: z.boolean(),
  /** The 1-based row of the header line in the file. */
  headerRow: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** Officers moved to the agency the sheet gives (0 in a preview, or when the admin kept them). */
  moved: z.number(),
  /** Rows that put an existing officer under another agency (issue 9 item 10): shown, applied only on request. */
  moves: z.array(
    z.object({
      row: z.number(),
      officerId: z.string(),
      fullName: z.string(),
      code: z.string().nullable(),
      fromAgencyName: z.string(),
      toAgencyName: z.string(),
    }),
  ),
  unknownAgencies: z.array(z.object({ row: z.number(), name: z.string() })),
  skipped: z.array(z.object({ row: z.number(), reason: z.string() })),
});
export type StaffImportResult = z.infer<typeof StaffImportResultSchema>;

export const ReportFormatSchema = z.enum(['json', 'csv', 'xlsx', 'docx', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;
/** CSV field separator: `semicolon` for the console's download meant for Excel, `comma` (default) for machines. */
export const CsvDelimiterSchema = z.enum(['semicolon', 'comma'], {
  error: 'Dấu phân cách CSV phải là "semicolon" (;) hoặc "comma" (,)',
});
export type CsvDelimiterName = z.infer<typeof CsvDelimiterSchema>;
export const ReportQuerySchema = z.object({
  from: Day,
  to: Day,
  format: ReportFormatSchema.default('json'),
  delimiter: CsvDelimiterSchema.default('comma'),
  /** One centre by code (default: the caller's centre, or the first); `scope=province`: every centre. */
  centre: z.string().trim().min(1).max(32).optional(),
  scope: z.enum(['centre', 'province']).default('centre'),
});
/** The `Ghi chú` of one Phụ lục 2 row for one period; an empty note clears it. */
export const ReportNoteInputSchema = z.object({
  from: Day,
  to: Day,
  officerId: IdSchema,
  agencyId: IdSchema,
  note: z.string().trim().max(300, 'Ghi chú tối đa 300 ký tự').transform(nfc),
});
export type ReportNoteInput = z.infer<typeof ReportNoteInputSchema>;
export const CoverageQuerySchema = ReadCentreQuerySchema.extend({
  from: Day,
  to: Day,
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

export const HealthSchema = z.object({ ok: z.boolean(), db: z.enum(['sqlite', 'postgres']) });

/** GET /api/v1/config: what a kiosk receives, without the officers' PIN hashes (enforced on send). */
export const ConsoleConfigSchema = SyncConfigSchema.omit({ officerPins: true, technicianPinHash: true });

/**
 * Who may sign in at a counter (issue 9 item 5): the agencies it serves and officers named by
 * hand. Its kiosk receives only these officers and their PIN hashes.
 */
export const CounterAccessInputSchema = z.object({
  agencyIds: z.array(IdSchema).max(500, 'Tối đa 500 cơ quan cho một quầy'),
  officerIds: z.array(IdSchema).max(2000, 'Tối đa 2000 cán bộ cho một quầy'),
});
export type CounterAccessInput = z.infer<typeof CounterAccessInputSchema>;
export const CounterAccessSchema = CounterAccessInputSchema.extend({ counterId: z.string() });
export type CounterAccess = z.infer<typeof CounterAccessSchema>;

/** The answer of a write that has nothing more to say than that it was done. */
export const OkSchema = z.object({ ok: z.literal(true) });
