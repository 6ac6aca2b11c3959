import { z } from 'zod';
import { IdSchema } from '../domain/config.ts';
import type { PAPER_WIDTHS } from '../domain/printer-url.ts';
import { PrinterUrlError, parsePrinterUrl } from '../domain/printer-url.ts';

/**
 * How the console provisions a kiosk (issue 8 §1): its role, its counter, its printer, and
 * the centre's technician PIN. Both ends use these schemas.
 */
export const KIOSK_ROLES = ['counter', 'entrance'] as const;
export type KioskRole = (typeof KIOSK_ROLES)[number];
export type PaperWidthSetting = (typeof PAPER_WIDTHS)[number];

/** A printer address the kiosk can use, normalised (tcp://host:9100, /dev/usb/lp0, none). */
export const PrinterAddressSchema = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    try {
      const parsed = parsePrinterUrl(value);
      return parsed.url ?? parsed.transport;
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof PrinterUrlError ? error.message : String(error) });
      return z.NEVER;
    }
  });

export const PaperWidthSchema = z.union([z.literal(58), z.literal(80)], {
  error: 'Khổ giấy chỉ có thể là 58 hoặc 80 (mm).',
});

export const DevicePrinterSchema = z.object({ url: PrinterAddressSchema, paperWidth: PaperWidthSchema });
export type DevicePrinter = z.infer<typeof DevicePrinterSchema>;

/**
 * PATCH /api/v1/devices/:id. `printer: null` hands the printer back to the kiosk's own setting,
 * and `ratingVoice: null` the voice invitation back to the technician's switch; absent: unchanged.
 */
export const DevicePatchSchema = z.object({
  role: z.enum(KIOSK_ROLES, { error: 'Vai trò kiosk là "counter" (quầy) hoặc "entrance" (lối vào).' }),
  counterId: IdSchema.nullable().optional(),
  printer: DevicePrinterSchema.nullable().optional(),
  ratingVoice: z
    .boolean({ error: 'Lời mời đánh giá bằng giọng nói là true (bật), false (tắt) hoặc null (để kiosk tự đặt).' })
    .nullable()
    .optional(),
});
export type DevicePatch = z.infer<typeof DevicePatchSchema>;

/**
 * What the server tells one kiosk about itself with every sync response, so a console change
 * reaches it at its next exchange (seconds), whatever the configuration version.
 */
export const DeviceAssignmentSchema = z.object({
  /** null: not assigned yet; the kiosk says it waits for assignment. */
  role: z.enum(KIOSK_ROLES).nullable(),
  counterId: IdSchema.nullable(),
  printer: z.object({ url: z.string().max(300), paperWidth: PaperWidthSchema }).nullable(),
  /** The rating prompt's voice invitation as the console set it; null: the technician's switch decides. Absent from older servers. */
  ratingVoice: z.boolean().nullable().optional(),
});
export type DeviceAssignment = z.infer<typeof DeviceAssignmentSchema>;

/** The centre's technician PIN: 6 to 8 digits, set by an admin, delivered hashed. */
export const TechnicianPinSchema = z.object({
  pin: z.string().regex(/^\d{6,8}$/, 'Mã PIN kỹ thuật viên gồm 6 đến 8 chữ số.'),
});
