import { z } from 'zod';
import { IdSchema } from '../domain/config.ts';
import { EventIdSchema } from '../domain/events.ts';
import { TICKET_STATUSES } from '../domain/queue-state.ts';

/**
 * The centre-wide queue between kiosks and the server (docs/sync-protocol.md): number leases in
 * the sync exchange, a held stream of queue changes, and call claims.
 */
export const QUEUE_PATHS = { stream: '/api/v1/queue/stream', claim: '/api/v1/queue/claim' } as const;

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

/** A block of a service's day sequence leased to one kiosk. */
export const NumberLeaseSchema = z.object({
  serviceId: IdSchema,
  day: DaySchema,
  firstIndex: z.number().int().min(0).max(1_000_000),
  count: z.number().int().min(1).max(1000),
});

/** What the kiosk asks with a sync request: more numbers for these services and days. */
export const LeaseRequestSchema = z
  .array(z.object({ serviceId: IdSchema, day: DaySchema }))
  .max(400, 'Tối đa 400 yêu cầu cấp số mỗi lần');

/** The response part: every lease the device holds for today and tomorrow (idempotent). */
export const LeaseGrantSchema = z.array(NumberLeaseSchema).max(2000);

/** One ticket as the server's projection `queue_tickets` holds it; what the stream pushes. */
export const QueueTicketSnapshotSchema = z.object({
  /** The feed position of this change: the cursor a kiosk resumes from. */
  feedSeq: z.number().int().min(1),
  ticketId: EventIdSchema,
  day: DaySchema,
  serviceId: IdSchema,
  number: z.string().min(1).max(16),
  priority: z.string().min(1).max(32).nullable(),
  /** The counter the ticket is pinned to, or null: any counter serving the service may call it. */
  pinnedCounterId: IdSchema.nullable(),
  status: z.enum(TICKET_STATUSES),
  /** The counter that called it (or the pinned counter), null while unpinned and waiting. */
  counterId: IdSchema.nullable(),
  issuedAt: z.string().min(10).max(40),
  calledAt: z.string().min(10).max(40).nullable(),
  officerId: IdSchema.nullable(),
  transferredFrom: EventIdSchema.nullable(),
  transferredTo: EventIdSchema.nullable(),
  issuingDevice: z.string().max(64),
  /** The ticket was rated from the phone: the counter's own prompt must refuse a second rating. */
  rated: z.boolean().optional(),
  /** This change is an undone `Vắng mặt`: a replica moves the ticket from no_show back to waiting. */
  reopened: z.boolean().optional(),
});
export type QueueTicketSnapshot = z.infer<typeof QueueTicketSnapshotSchema>;

export const QueueStreamQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  /** The counter this kiosk serves; absent (an entrance kiosk): every service's changes. */
  counterId: IdSchema.optional(),
});

export const ClaimRequestSchema = z.strictObject({ ticketId: EventIdSchema, counterId: IdSchema });
export const ClaimResponseSchema = z.object({
  granted: z.boolean(),
  /** Why not, in Vietnamese, when refused. */
  reason: z.string().optional(),
  /** When the claim lapses if its ticket.called never arrives (ISO-8601). */
  expiresAt: z.string().optional(),
});
export type ClaimResponse = z.infer<typeof ClaimResponseSchema>;

/** A granted claim lapses after this, so a kiosk that crashed before sending its call strands nothing. */
export const CLAIM_TTL_MS = 2 * 60_000;

/** How a kiosk's claim request ended. `not_enrolled`: a lone kiosk, it owns the whole queue. */
export type ClaimOutcome = 'granted' | 'taken' | 'offline' | 'not_enrolled';
