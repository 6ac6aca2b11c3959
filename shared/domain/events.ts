import { z } from 'zod';
import { IdSchema } from './config.ts';

/**
 * Every change a kiosk records is an append-only event. Events are flat JSON objects, the
 * same shape in the kiosk's outbox, in `hailong kiosk export` files and in the sync protocol.
 */
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** ISO-8601 with an explicit offset (Z or ±hh:mm): a device's wall clock is never guessed. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export const EventIdSchema = z.string().regex(UUID_V7, 'id phải là UUIDv7');
export const OccurredAtSchema = z
  .string()
  .regex(ISO_WITH_OFFSET, 'occurredAt phải là ISO-8601 có múi giờ')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'occurredAt không phải thời điểm hợp lệ');

const base = {
  id: EventIdSchema,
  seq: z.number().int().positive(),
  occurredAt: OccurredAtSchema,
};

export const RatingSubmittedSchema = z.strictObject({
  ...base,
  type: z.literal('rating.submitted'),
  officerId: IdSchema,
  agencyId: IdSchema,
  counterId: IdSchema.optional(),
  ticketId: IdSchema.optional(),
  level: z.string().min(1).max(32),
  reasons: z.array(z.string().min(1).max(32)).max(10).optional(),
  misuse: z.boolean().optional(),
});

/** Reasons chosen after a low rating was recorded (the rating itself is never held back). */
export const RatingReasonsAddedSchema = z.strictObject({
  ...base,
  type: z.literal('rating.reasons_added'),
  ratingId: EventIdSchema,
  reasons: z.array(z.string().min(1).max(32)).min(1).max(10),
});

export const OfficerSignedInSchema = z.strictObject({
  ...base,
  type: z.literal('officer.signed_in'),
  officerId: IdSchema,
  agencyId: IdSchema,
  counterId: IdSchema,
});

export const OfficerSignedOutSchema = z.strictObject({
  ...base,
  type: z.literal('officer.signed_out'),
  officerId: IdSchema,
  counterId: IdSchema,
  /** `replaced` when another officer signed in at the same counter. */
  cause: z.enum(['manual', 'replaced', 'timeout']),
});

export const KioskEventSchema = z.discriminatedUnion('type', [
  RatingSubmittedSchema,
  RatingReasonsAddedSchema,
  OfficerSignedInSchema,
  OfficerSignedOutSchema,
]);

export type RatingSubmitted = z.infer<typeof RatingSubmittedSchema>;
export type RatingReasonsAdded = z.infer<typeof RatingReasonsAddedSchema>;
export type OfficerSignedIn = z.infer<typeof OfficerSignedInSchema>;
export type OfficerSignedOut = z.infer<typeof OfficerSignedOutSchema>;
export type KioskEvent = z.infer<typeof KioskEventSchema>;
export type KioskEventType = KioskEvent['type'];
/** An event before the outbox gives it its sequence number. */
export type NewKioskEvent = KioskEvent extends infer E ? (E extends KioskEvent ? Omit<E, 'seq'> : never) : never;
