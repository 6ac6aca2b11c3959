import { MisuseRulesSchema, RatingPromptSettingsSchema } from './centre-settings.ts';
import { z } from 'zod';
import { KioskConfigSchema } from '../domain/config.ts';
import { QueueConfigSchema } from '../domain/queue-config.ts';
import { LeaseGrantSchema, LeaseRequestSchema } from './queue-sync.ts';

/**
 * The sync protocol between a kiosk and the central server (docs/sync-protocol.md).
 * Events stay `unknown` here: the server validates each one on its own with
 * KioskEventSchema, so one bad event never sinks the batch.
 */
export const SYNC_MAX_EVENTS = 500;
/** The paths a kiosk calls, relative to the server URL. */
export const SYNC_PATHS = { enroll: '/api/v1/devices/enroll', sync: '/api/v1/sync' } as const;
export const SYNC_MAX_BYTES = 1024 * 1024;
/** A device whose clock differs from the server's by more than this is flagged. */
export const CLOCK_OFFSET_WARN_MS = 5 * 60_000;

const IsoInstantSchema = z
  .string()
  .min(10)
  .max(40)
  .refine((value) => !Number.isNaN(Date.parse(value)), 'Thời điểm không hợp lệ');

/** The printer states a kiosk reports (the kiosk's `none`, no printer configured, is sent as null). */
export const DEVICE_PRINTER_STATES = ['ok', 'offline', 'paper_out', 'cover_open', 'paper_near_end', 'unknown'] as const;
export type DevicePrinterState = (typeof DEVICE_PRINTER_STATES)[number];

/** What the kiosk says about itself with each request, shown to supervisors (issue 5). */
export const DeviceStatusSchema = z.strictObject({
  /** null or absent: no printer configured. */
  printer: z
    .strictObject({ state: z.enum(DEVICE_PRINTER_STATES), message: z.string().max(500) })
    .nullable()
    .optional(),
  /** Events in the kiosk's outbox not yet delivered, counted before this request's batch. */
  pending: z.number().int().min(0),
  appVersion: z.string().max(64).optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

export const SyncRequestSchema = z.object({
  /** The device's own clock when it sent the request (ISO-8601); gives the clock offset. */
  deviceTime: IsoInstantSchema,
  /** The configuration version the device holds; absent or older → the response carries `config`. */
  configVersion: z.number().int().min(-1).optional(),
  /** The kiosk software version, shown to supervisors. */
  appVersion: z.string().max(64).optional(),
  /** Optional so kiosks from before it keep syncing; when present it must be valid. */
  status: DeviceStatusSchema.optional(),
  /** Services and days the kiosk needs more leased numbers for (issue 8 §2). */
  leases: LeaseRequestSchema.optional(),
  events: z.array(z.unknown()).max(SYNC_MAX_EVENTS, `Tối đa ${SYNC_MAX_EVENTS} sự kiện mỗi lần gửi`),
});
export type SyncRequest = z.infer<typeof SyncRequestSchema>;

/** KioskConfig plus what only the server knows: officers' PIN hashes and the queue setup. */
export const SyncConfigSchema = KioskConfigSchema.extend({
  /** officerId → scrypt hash of the PIN set by an admin; PINs are checked offline at the kiosk. */
  officerPins: z.record(z.string(), z.string()),
  queue: QueueConfigSchema,
  /** Misuse rules for walk-up presses (absent from servers before them). */
  misuse: MisuseRulesSchema.optional(),
  /** Rating prompt settings (absent from servers before them). */
  ratingPrompt: RatingPromptSettingsSchema.optional(),
});
export type SyncConfig = z.infer<typeof SyncConfigSchema>;

export const SyncRejectionSchema = z.object({
  /** The event's id, or null when the event had no readable id. */
  id: z.string().nullable(),
  /** Position in the request's `events` array (0-based). */
  index: z.number().int(),
  reason: z.string(),
});
export type SyncRejection = z.infer<typeof SyncRejectionSchema>;

export const SyncResponseSchema = z.object({
  accepted: z.array(z.string()),
  duplicates: z.array(z.string()),
  rejected: z.array(SyncRejectionSchema),
  serverTime: z.string(),
  /** deviceTime − serverTime at receipt, in milliseconds. */
  clockOffsetMs: z.number(),
  configVersion: z.number().int(),
  config: SyncConfigSchema.optional(),
  /** Every block of numbers leased to this device from today on (sent when the request asked). */
  leases: LeaseGrantSchema.optional(),
});
export type SyncResponse = z.infer<typeof SyncResponseSchema>;

export const EnrollRequestSchema = z.object({
  code: z.string().trim().min(4).max(64),
  name: z.string().trim().min(1).max(200),
});
export const EnrollResponseSchema = z.object({ deviceId: z.string(), token: z.string() });
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

/** Every 4xx/5xx body: a machine code and a Vietnamese sentence for the person. */
export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
