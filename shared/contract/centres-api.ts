import { z } from 'zod';
import { nfc } from '../domain/text.ts';

/** A centre's number in the province (`centres.id`). */
export const CentreIdSchema = z.number().int().positive();

/** Short code used in addresses (`/board/TT01`) and reports (`?centre=TT01`). */
export const CentreCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'Mã trung tâm gồm 1–32 chữ cái không dấu, chữ số, gạch ngang hoặc gạch dưới')
  .transform((code) => code.toUpperCase());

export const CentreInputSchema = z.object({
  code: CentreCodeSchema,
  name: z.string().trim().min(1, 'Không được để trống').max(200).transform(nfc),
});
export const CentreOutSchema = z.object({ id: CentreIdSchema, code: z.string(), name: z.string() });
export type CentreOut = z.infer<typeof CentreOutSchema>;

/** `?centreId=` on list routes: a province admin narrows to one centre; others may name only their own. */
export const CentreFilterQuerySchema = z.object({ centreId: z.coerce.number().int().positive().optional() });

/**
 * A console page's or report's centre (issue 13): a province admin names one by code
 * (`?centre=TT01`) or number (`?centreId=`), or none for every centre; a centre's user always reads
 * their own centre and may name only it.
 */
export const ReadCentreQuerySchema = CentreFilterQuerySchema.extend({
  centre: z.string().trim().min(1).max(32).optional(),
});
