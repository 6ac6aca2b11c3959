import { z } from 'zod';
import { nfc } from './text.ts';

/** Identifiers are short opaque strings chosen by the server (or the demo seed). */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'Mã không hợp lệ');
const NameSchema = z.string().trim().min(1).max(200).transform(nfc);

export const AgencySchema = z.object({
  id: IdSchema,
  name: NameSchema,
  /** The agency's place in the province's official order (1 = first row group of Phụ lục 2). */
  order: z.number().int().min(0),
  active: z.boolean().default(true),
});
export type Agency = z.infer<typeof AgencySchema>;

export const OfficerSchema = z.object({
  id: IdSchema,
  fullName: NameSchema,
  agencyId: IdSchema,
  /** Order within the agency. */
  order: z.number().int().min(0),
  active: z.boolean().default(true),
});
export type Officer = z.infer<typeof OfficerSchema>;

export const CounterSchema = z.object({
  id: IdSchema,
  number: z.number().int().min(1).max(999),
  name: NameSchema,
});
export type Counter = z.infer<typeof CounterSchema>;

export const RatingLevelSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'Mã mức đánh giá không hợp lệ'),
  label: NameSchema,
  /** Best first: the order of the columns in Phụ lục 2 and of the buttons on screen. */
  order: z.number().int().min(0),
  /** A low level offers the optional reasons after the tap. */
  low: z.boolean(),
});
export type RatingLevel = z.infer<typeof RatingLevelSchema>;

export const RatingReasonSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'Mã lý do không hợp lệ'),
  label: NameSchema,
  order: z.number().int().min(0),
});
export type RatingReason = z.infer<typeof RatingReasonSchema>;

/** The whole configuration a kiosk receives (from the server, or the demo seed). */
export const KioskConfigSchema = z.object({
  version: z.number().int().min(0),
  centreName: NameSchema,
  agencies: z.array(AgencySchema),
  officers: z.array(OfficerSchema),
  counters: z.array(CounterSchema),
  ratingLevels: z.array(RatingLevelSchema).min(2).max(10),
  ratingReasons: z.array(RatingReasonSchema),
});
export type KioskConfig = z.infer<typeof KioskConfigSchema>;
