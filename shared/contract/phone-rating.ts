import { z } from 'zod';
import { IdSchema } from '../domain/config.ts';

/** The phone page's API: public, keyed by the ticket's rating token (issue 11 §3). */
export const PHONE_PATHS = {
  page: '/r/:token',
  status: '/api/v1/phone/:token',
  rating: '/api/v1/phone/:token/rating',
} as const;

export const PhoneTicketStateSchema = z.enum(['unknown', 'waiting', 'called', 'serving', 'done', 'closed']);
export type PhoneTicketState = z.infer<typeof PhoneTicketStateSchema>;

const ChoiceSchema = z.object({ code: z.string(), label: z.string() });

/** What the phone shows; never the officer's name nor anything about other citizens. */
export const PhoneTicketStatusSchema = z.object({
  state: PhoneTicketStateSchema,
  /** Vietnamese sentence for the state, ready to show. */
  message: z.string(),
  /** The centre that issued the ticket (issue 13 §1); null while the server has not seen it. */
  centreName: z.string().nullable(),
  number: z.string().nullable(),
  serviceName: z.string().nullable(),
  /** Waiting: tickets before this one in its queue. */
  peopleAhead: z.number().int().min(0).nullable(),
  /** Called or serving: where to go. */
  counterName: z.string().nullable(),
  /** done: whether the phone may still rate, and until when (ISO-8601). */
  canRate: z.boolean(),
  rateUntil: z.string().nullable(),
  rated: z.boolean(),
  levels: z.array(ChoiceSchema.extend({ low: z.boolean() })),
  reasons: z.array(ChoiceSchema),
});
export type PhoneTicketStatus = z.infer<typeof PhoneTicketStatusSchema>;

export const PhoneRatingRequestSchema = z.strictObject({
  level: IdSchema,
  reasons: z.array(IdSchema).max(10).optional(),
});
export type PhoneRatingRequest = z.infer<typeof PhoneRatingRequestSchema>;

export const PhoneRatingResponseSchema = z.object({ ok: z.literal(true), message: z.string() });
