import { MisuseRulesSchema, RatingPromptSettingsSchema, SpeechSettingsSchema } from './centre-settings.ts';
import { z } from 'zod';
import { KioskConfigSchema } from '../domain/config.ts';
import { instantSchema } from '../domain/plausible-instant.ts';
import { QueueConfigSchema } from '../domain/queue-config.ts';
import { LeaseGrantSchema, LeaseRequestSchema } from './queue-sync.ts';
import { DeviceAssignmentSchema } from './provisioning.ts';

/**
 * The sync protocol between a kiosk and the central server (docs/sync-protocol.md).
 * Events stay `unknown` here: the server validates each one on its own with
 * KioskEventSchema, so one bad event never sinks the batch.
 */
export const SYNC_MAX_EVENTS = 500;
/** The paths a kiosk calls, relative to the server URL. */
export const SYNC_PATHS = { enroll: '/api/v1/devices/enroll', sync: '/api/v1/sync' } as const;
export const SYNC_MAX_BYTES = 1024 * 1024;
/**
 * The protocol this release speaks. Readers on both sides ignore fields they do not know, so
 * additions keep the number; only a change an older reader would misread raises it.
 * 1 = kiosks from before the field existed (they send none).
 */
export const SYNC_PROTOCOL = 2;
export const SUPPORTED_SYNC_PROTOCOLS: readonly number[] = [1, 2];
export function unsupportedProtocolMessage(protocol: number): string {
  return `Máy chủ không hỗ trợ giao thức đồng bộ phiên bản ${protocol} của kiosk này (máy chủ hỗ trợ ${SUPPORTED_SYNC_PROTOCOLS.join(', ')}). Hãy cập nhật phần mềm cho máy chủ hoặc kiosk cùng một phiên bản.`;
}
/** A device whose clock differs from the server's by more than this is flagged. */
export const CLOCK_OFFSET_WARN_MS = 5 * 60_000;
/** Counters a device reports fit PostgreSQL's `integer` (a larger one was a 500, issue 9). */
export const MAX_DEVICE_COUNTER = 2 ** 31 - 1;

/** The printer states a kiosk reports (the kiosk's `none`, no printer configured, is sent as null). */
export const DEVICE_PRINTER_STATES = ['ok', 'offline', 'paper_out', 'cover_open', 'paper_near_end', 'unknown'] as const;
export type DevicePrinterState = (typeof DEVICE_PRINTER_STATES)[number];

/** What the kiosk says about itself with each request, shown to supervisors (issue 5). */
// Tolerant readers: unknown fields are stripped (never stored), so a newer kiosk keeps syncing.
export const DeviceStatusSchema = z.object({
  /** null or absent: no printer configured. */
  printer: z
    .object({ state: z.enum(DEVICE_PRINTER_STATES), message: z.string().max(500) })
    .nullable()
    .optional(),
  /** Events in the kiosk's outbox not yet delivered, counted before this request's batch. */
  pending: z.number().int().min(0).max(MAX_DEVICE_COUNTER),
  /** Sent only while the kiosk's disk is full (it refuses new records), so older servers never see it. */
  storage: z.strictObject({ state: z.literal('full') }).optional(),
  appVersion: z.string().max(64).optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

export const SyncRequestSchema = z.object({
  /** The sync protocol the kiosk speaks (SYNC_PROTOCOL); absent from kiosks before protocol 2. */
  protocol: z.number().int().min(1).max(1_000_000).optional(),
  /** The device's own clock when it sent the request (ISO-8601); gives the clock offset. */
  deviceTime: instantSchema('deviceTime'),
  /** The configuration version the device holds; absent or older → the response carries `config`. */
  configVersion: z.number().int().min(-1).max(MAX_DEVICE_COUNTER).optional(),
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
  /**
   * officerId → the officer's photo as a `data:image/…;base64,` URL, for the idle screen
   * (absent from servers before issue 10; a kiosk ignores a value of another kind).
   */
  officerPhotos: z.record(z.string(), z.string()).optional(),
  queue: QueueConfigSchema,
  /** Misuse rules for walk-up presses (absent from servers before them). */
  misuse: MisuseRulesSchema.optional(),
  /** Rating prompt settings (absent from servers before them). */
  ratingPrompt: RatingPromptSettingsSchema.optional(),
  /** How the kiosk reads calls and the rating invitation aloud (absent from servers before it). */
  speech: z.object(SpeechSettingsSchema.shape).optional(),
  /** scrypt hash of the centre's technician PIN; absent or null until an admin sets one. */
  technicianPinHash: z.string().max(300).nullable().optional(),
  /** When a sign-in ends by itself; absent from older servers (the kiosk keeps its defaults). */
  duty: z
    .object({
      /** Vietnam wall-clock time HH:MM at which every sign-in ends. */
      endOfDay: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
      /** Minutes without any officer action after which a sign-in ends; 0 = never. */
      idleMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60),
    })
    .optional(),
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
  /** The protocol the server speaks (absent from servers before protocol 2). */
  protocol: z.number().int().optional(),
  /** This kiosk's role, counter and printer as the console set them; with every response. */
  assignment: DeviceAssignmentSchema.optional(),
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
