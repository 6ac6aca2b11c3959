import { z } from 'zod';
import { nfc } from './text.ts';
import { InvalidDayError, parseDay } from './vietnam-time.ts';

/**
 * What an annex carries around the table (issue 10): the `Phụ lục 2` label above the title,
 * the issuing body, the place-and-date line and the signature block. A centre setting,
 * edited by an admin in the console, drawn by every export (XLSX, DOCX, PDF) and the screen.
 */
const Line = (max: number) => z.string().trim().max(max, `Tối đa ${max} ký tự`).transform(nfc);
const Title = z.string().trim().min(1, 'Không được để trống').max(60, 'Tối đa 60 ký tự').transform(nfc);

export const ReportFramingSchema = z.object({
  /** "Phụ lục 2": the label above the title. */
  annexLabel: Line(60),
  /** Where the label sits above the title: the right margin (most provinces) or centred. */
  annexAlign: z.enum(['right', 'center'], { error: 'Vị trí nhãn phụ lục phải là "right" hoặc "center"' }),
  /** The body the centre reports to, top left: "UBND TỈNH BẮC KẠN". Empty: not printed. */
  issuingBody: Line(120),
  /** The place in the date line: "Bắc Kạn". Empty: dots to fill by hand. */
  place: Line(60),
  /** Left signature: the title (NGƯỜI LẬP BIỂU) and the name under the signature. */
  preparerTitle: Title,
  preparerName: Line(80),
  /** Right signature: GIÁM ĐỐC and the name. */
  approverTitle: Title,
  approverName: Line(80),
});
export type ReportFraming = z.infer<typeof ReportFramingSchema>;

export const DEFAULT_REPORT_FRAMING: ReportFraming = {
  annexLabel: 'Phụ lục 2',
  annexAlign: 'right',
  issuingBody: '',
  place: '',
  preparerTitle: 'NGƯỜI LẬP BIỂU',
  preparerName: '',
  approverTitle: 'GIÁM ĐỐC',
  approverName: '',
};

/** A stored framing that no longer parses (hand-edited database) falls back to the defaults field by field. */
export function readReportFraming(stored: unknown): ReportFraming {
  const object = typeof stored === 'object' && stored !== null ? stored : {};
  const merged = { ...DEFAULT_REPORT_FRAMING, ...object };
  const parsed = ReportFramingSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_REPORT_FRAMING;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * "Bắc Kạn, ngày 05 tháng 01 năm 2021": Nghị định 30/2020/NĐ-CP writes a leading zero for days
 * below 10 and for months 1 and 2 only ("ngày 15 tháng 6 năm 2021").
 */
export function placeDateLine(place: string, day: string): string {
  const parsed = parseDay(day);
  if (!parsed) throw new InvalidDayError(`Ngày không hợp lệ: ${day}`);
  const date = parsed.date < 10 ? pad2(parsed.date) : String(parsed.date);
  const month = parsed.month <= 2 ? pad2(parsed.month) : String(parsed.month);
  const where = place.trim() === '' ? '…………' : nfc(place.trim());
  return `${where}, ngày ${date} tháng ${month} năm ${parsed.year}`;
}
