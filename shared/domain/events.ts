import { z } from 'zod';
import { IdSchema } from './config.ts';
import { MAX_TICKET_SPAN_MS, instantMs, instantSchema } from './plausible-instant.ts';
import { RatingTokenSchema } from './phone-rating.ts';

/**
 * Every change a kiosk records is an append-only event. Events are flat JSON objects, the
 * same shape in the kiosk's outbox, in `hailong kiosk export` files and in the sync protocol.
 * Readers are tolerant: a field this release does not know (from a newer kiosk) is stripped
 * by the parse, so it is neither stored nor trusted, and the event is still accepted.
 */
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const EventIdSchema = z.string().regex(UUID_V7, 'id phải là UUIDv7');
/** ISO-8601 with an explicit offset (Z or ±hh:mm), a real calendar instant: a wall clock is never guessed. */
export const OccurredAtSchema = instantSchema('occurredAt');

/**
 * A dossier code as the provincial one-door system prints it (e.g. 000.00.12.H12-250101-0001):
 * letters, digits and . - _ / only, so a code typed or scanned matches the export exactly.
 */
export const DossierCodeSchema = z
  .string()
  .trim()
  .min(1, 'Mã hồ sơ không được để trống')
  .max(40, 'Mã hồ sơ dài tối đa 40 ký tự')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'Mã hồ sơ chỉ gồm chữ, số và các dấu . - _ /');

const base = {
  id: EventIdSchema,
  seq: z.number().int().positive(),
  occurredAt: OccurredAtSchema,
};

export const RatingSubmittedSchema = z.object({
  ...base,
  type: z.literal('rating.submitted'),
  officerId: IdSchema,
  agencyId: IdSchema,
  counterId: IdSchema.optional(),
  ticketId: IdSchema.optional(),
  level: z.string().min(1).max(32),
  reasons: z.array(z.string().min(1).max(32)).max(10).optional(),
  misuse: z.boolean().optional(),
  /** The dossier code of the rated ticket, when the officer entered one (one rating per dossier). */
  dossierCode: DossierCodeSchema.optional(),
});

/** Reasons chosen after a low rating was recorded (the rating itself is never held back). */
export const RatingReasonsAddedSchema = z.object({
  ...base,
  type: z.literal('rating.reasons_added'),
  ratingId: EventIdSchema,
  reasons: z.array(z.string().min(1).max(32)).min(1).max(10),
});

export const OfficerSignedInSchema = z.object({
  ...base,
  type: z.literal('officer.signed_in'),
  officerId: IdSchema,
  agencyId: IdSchema,
  counterId: IdSchema,
});

export const OfficerSignedOutSchema = z.object({
  ...base,
  type: z.literal('officer.signed_out'),
  officerId: IdSchema,
  counterId: IdSchema,
  /**
   * `replaced`: another officer signed in at the same counter; `timeout`: the working day
   * ended or the officer was idle too long; `removed`: deactivated or removed in the console.
   */
  cause: z.enum(['manual', 'replaced', 'timeout', 'removed']),
});

/** Queue tickets: ids are UUIDv7 minted by the kiosk; `number` is the label printed (1001, A001). */
const TicketIdSchema = EventIdSchema;
const TicketNumberSchema = z.string().min(1).max(16);

export const TicketIssuedSchema = z.object({
  ...base,
  type: z.literal('ticket.issued'),
  ticketId: TicketIdSchema,
  number: TicketNumberSchema,
  serviceId: IdSchema,
  /** The pinned counter; for an unpinned ticket, the first counter serving the service (older readers). */
  counterId: IdSchema,
  /** false: taken at the entrance, any counter serving the service may call it. Absent: pinned. */
  pinned: z.boolean().optional(),
  /** The priority category code, when the citizen asked for priority. */
  priority: z.string().min(1).max(32).optional(),
  /** The token the ticket's QR carries to rate from the phone (issue 11 §3); absent from older kiosks. */
  ratingToken: RatingTokenSchema.optional(),
});

export const TicketCalledSchema = z.object({
  ...base,
  type: z.literal('ticket.called'),
  ticketId: TicketIdSchema,
  counterId: IdSchema,
  officerId: IdSchema,
  agencyId: IdSchema,
});

export const TicketRecalledSchema = z.object({
  ...base,
  type: z.literal('ticket.recalled'),
  ticketId: TicketIdSchema,
  counterId: IdSchema,
  officerId: IdSchema,
});

export const TicketStartedSchema = z.object({
  ...base,
  type: z.literal('ticket.started'),
  ticketId: TicketIdSchema,
  counterId: IdSchema,
  officerId: IdSchema,
  agencyId: IdSchema,
});

export const TicketNoShowSchema = z.object({
  ...base,
  type: z.literal('ticket.no_show'),
  ticketId: TicketIdSchema,
  counterId: IdSchema,
  officerId: IdSchema,
});

/**
 * A mistaken `Vắng mặt` undone by the officer within NO_SHOW_UNDO_MS and before the next call:
 * the ticket waits again (same number, same issue time, so the same place in line). Older
 * servers do not know this type and reject the event with a reason; the kiosk keeps it.
 */
export const TicketNoShowUndoneSchema = z.object({
  ...base,
  type: z.literal('ticket.no_show_undone'),
  ticketId: TicketIdSchema,
  counterId: IdSchema,
  officerId: IdSchema,
});

/** The citizen keeps their number; `newTicketId` waits in the target service with the original issue time. */
export const TicketTransferredSchema = z.object({
  ...base,
  type: z.literal('ticket.transferred'),
  ticketId: TicketIdSchema,
  toServiceId: IdSchema,
  newTicketId: TicketIdSchema,
  /** The counter the new ticket is pinned to; absent: any counter serving the target service. */
  toCounterId: IdSchema.optional(),
});

export const TicketCancelledSchema = z.object({
  ...base,
  type: z.literal('ticket.cancelled'),
  ticketId: TicketIdSchema,
});

/** occurredAt is the finish time; the server projects this event for the rating coverage report. */
export const TicketFinishedSchema = z
  .object({
    ...base,
    type: z.literal('ticket.finished'),
    ticketId: TicketIdSchema,
    number: TicketNumberSchema,
    serviceId: IdSchema,
    counterId: IdSchema,
    officerId: IdSchema,
    agencyId: IdSchema,
    issuedAt: instantSchema('issuedAt'),
    calledAt: instantSchema('calledAt'),
    startedAt: instantSchema('startedAt'),
    /** The dossier code (mã hồ sơ) the officer entered for this ticket; its rating carries it. */
    dossierCode: DossierCodeSchema.optional(),
  })
  .superRefine((event, ctx) => {
    const steps = [
      ['issuedAt', event.issuedAt],
      ['calledAt', event.calledAt],
      ['startedAt', event.startedAt],
      ['occurredAt', event.occurredAt],
    ] as const;
    let ms: number[];
    // A malformed instant has its own issue already; order and span need all four.
    try {
      ms = steps.map(([, value]) => instantMs(value));
    } catch {
      return;
    }
    for (let i = 1; i < steps.length; i += 1) {
      if (ms[i]! < ms[i - 1]!) {
        ctx.addIssue({ code: 'custom', message: `${steps[i]![0]} phải không sớm hơn ${steps[i - 1]![0]}` });
        return;
      }
    }
    // A bounded span bounds every summed duration (wait, service), so no total can overflow.
    if (ms[3]! - ms[0]! > MAX_TICKET_SPAN_MS) {
      ctx.addIssue({ code: 'custom', message: 'Một phiếu không thể kéo dài quá 24 giờ từ lúc lấy số đến lúc xong' });
    }
  });

/** The citizen screen at the counter asked for a rating of this finished ticket (the funnel's second step). */
export const RatingPromptedSchema = z.object({
  ...base,
  type: z.literal('rating.prompted'),
  ticketId: TicketIdSchema,
  counterId: IdSchema,
  officerId: IdSchema,
  agencyId: IdSchema,
});

export const PROMPT_OUTCOMES = ['declined', 'timed_out', 'not_shown'] as const;
export const NOT_SHOWN_REASONS = ['screen_busy', 'no_screen', 'citizen_absent'] as const;
export type PromptOutcome = (typeof PROMPT_OUTCOMES)[number];
export type NotShownReason = (typeof NOT_SHOWN_REASONS)[number];

/**
 * How a finished ticket's prompt ended when it was not rated: `declined` (Bỏ qua), `timed_out`,
 * or `not_shown` with `reason` (screen busy with another citizen, no citizen screen / kiosk
 * offline, officer finished without the citizen present). A rating is the fourth outcome.
 */
export const RatingPromptOutcomeSchema = z.object({
  ...base,
  type: z.literal('rating.prompt_outcome'),
  ticketId: TicketIdSchema,
  counterId: IdSchema,
  outcome: z.enum(PROMPT_OUTCOMES),
  reason: z.enum(NOT_SHOWN_REASONS).optional(),
});

export const KioskEventSchema = z.discriminatedUnion('type', [
  RatingSubmittedSchema,
  RatingReasonsAddedSchema,
  OfficerSignedInSchema,
  OfficerSignedOutSchema,
  TicketIssuedSchema,
  TicketCalledSchema,
  TicketRecalledSchema,
  TicketStartedSchema,
  TicketNoShowSchema,
  TicketNoShowUndoneSchema,
  TicketTransferredSchema,
  TicketCancelledSchema,
  TicketFinishedSchema,
  RatingPromptedSchema,
  RatingPromptOutcomeSchema,
]);

export type RatingSubmitted = z.infer<typeof RatingSubmittedSchema>;
export type RatingReasonsAdded = z.infer<typeof RatingReasonsAddedSchema>;
export type OfficerSignedIn = z.infer<typeof OfficerSignedInSchema>;
export type OfficerSignedOut = z.infer<typeof OfficerSignedOutSchema>;
export type TicketIssued = z.infer<typeof TicketIssuedSchema>;
export type TicketFinished = z.infer<typeof TicketFinishedSchema>;
export type RatingPrompted = z.infer<typeof RatingPromptedSchema>;
export type RatingPromptOutcome = z.infer<typeof RatingPromptOutcomeSchema>;
export type KioskEvent = z.infer<typeof KioskEventSchema>;
export type KioskEventType = KioskEvent['type'];
/** An event before the outbox gives it its sequence number. */
export type NewKioskEvent = KioskEvent extends infer E ? (E extends KioskEvent ? Omit<E, 'seq'> : never) : never;
