import { z } from 'zod';

/**
 * What an instant written by a kiosk may look like. `Date.parse` accepts 30 February, 24:00,
 * year 0000 and offsets such as +23:59; each of those once left a malformed day key in the
 * daily tables (issue 9), so every field is checked against the calendar here.
 */
const ISO_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Years a kiosk clock can plausibly show: a clock reset to 2000 is still read (and corrected, see ingest). */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;
/** Real UTC offsets run from −12:00 to +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

const DAY_MS = 24 * 60 * 60_000;
/** No ticket lasts longer than this from issue to finish; it also keeps every summed duration bounded. */
export const MAX_TICKET_SPAN_MS = DAY_MS;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Epoch milliseconds of a well-formed instant, or a Vietnamese reason why it is not one. */
export function readInstant(value: string): { ms: number } | { error: string } {
  const m = ISO_PARTS.exec(value);
  if (!m) return { error: 'phải là thời điểm ISO-8601 có múi giờ (ví dụ 2026-11-28T09:00:00+07:00)' };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < MIN_YEAR || year > MAX_YEAR) return { error: `năm ${m[1]} nằm ngoài ${MIN_YEAR}–${MAX_YEAR}` };
  if (month < 1 || month > 12) return { error: `tháng ${m[2]} không có` };
  if (day < 1 || day > daysInMonth(year, month)) return { error: `ngày ${m[3]}/${m[2]}/${m[1]} không có` };
  if (hour > 23 || minute > 59 || second > 59) return { error: `giờ ${m[4]}:${m[5]}:${m[6]} không có` };
  if (m[8] !== 'Z') {
    const offsetMinutes = Number(m[10]) * 60 + Number(m[11]);
    if (Number(m[11]) > 59 || offsetMinutes > MAX_OFFSET_MINUTES) {
      return { error: `múi giờ ${m[8]} không có thật` };
    }
  }
  return { ms: Date.parse(value) };
}

/** An instant field of an event; the message names the field so a rejection says which one. */
export function instantSchema(field: string) {
  return z.string().superRefine((value, ctx) => {
    const read = readInstant(value);
    if ('error' in read) ctx.addIssue({ code: 'custom', message: `${field} ${read.error}` });
  });
}

/** Epoch milliseconds of an instant that passed instantSchema. */
export function instantMs(value: string): number {
  const read = readInstant(value);
  if ('error' in read) throw new RangeError(read.error);
  return read.ms;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A day of a report period (YYYY-MM-DD): a real calendar day in the years a kiosk can file.
 * The end of a period ending 31/12/9999 once overflowed into year 10000 (a 500, issue 9).
 */
export const ReportDaySchema = z.string().superRefine((value, ctx) => {
  const m = DAY_PATTERN.exec(value);
  const ok =
    m !== null &&
    Number(m[1]) >= MIN_YEAR &&
    Number(m[1]) <= MAX_YEAR &&
    Number(m[2]) >= 1 &&
    Number(m[2]) <= 12 &&
    Number(m[3]) >= 1 &&
    Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
  if (!ok) {
    ctx.addIssue({
      code: 'custom',
      message: `Ngày phải có dạng YYYY-MM-DD, là ngày có thật, trong các năm ${MIN_YEAR}–${MAX_YEAR}`,
    });
  }
});
