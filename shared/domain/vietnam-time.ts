/**
 * Vietnam time (Asia/Ho_Chi_Minh) is a fixed UTC+7 with no daylight saving since 1975, so
 * every conversion here is plain arithmetic and never depends on the host's time zone.
 */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VIETNAM_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The instant as ISO-8601 in Vietnam time with its offset: 2026-11-28T09:05:03.120+07:00. */
export function toVietnamIso(instant: Date): string {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}` +
    `.${pad(shifted.getUTCMilliseconds(), 3)}+07:00`
  );
}

/** The calendar day in Vietnam on which the instant falls, as YYYY-MM-DD. */
export function vietnamDay(instant: Date): string {
  return toVietnamIso(instant).slice(0, 10);
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD strictly (a real calendar day) or returns null. */
export function parseDay(day: string): { year: number; month: number; date: number } | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, date));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== date) {
    return null;
  }
  return { year, month, date };
}

/**
 * A day or period a person typed that cannot be (31/02, an end before the start). Its message is
 * Vietnamese and safe to show; the server answers 400 with it, and only with it: any other
 * RangeError is an internal fault whose text never reaches the client.
 */
export class InvalidDayError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDayError';
  }
}

/** The first instant of a Vietnam calendar day (00:00 +07:00) as a Date. */
export function startOfVietnamDay(day: string): Date {
  const parsed = parseDay(day);
  if (!parsed) throw new InvalidDayError(`Ngày không hợp lệ: ${day}`);
  return new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.date) - OFFSET_MS);
}

/**
 * The half-open instant range [start, end) covering whole Vietnam days from `fromDay` to
 * `toDay`, both included — the period rule of Phụ lục 2.
 */
export function vietnamDayRange(fromDay: string, toDay: string): { start: Date; end: Date } {
  const start = startOfVietnamDay(fromDay);
  const end = new Date(startOfVietnamDay(toDay).getTime() + DAY_MS);
  if (end <= start) throw new InvalidDayError('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc');
  return { start, end };
}

/** YYYY-MM-DD → dd/mm/yyyy, the form every Vietnamese form uses. */
export function formatDayVi(day: string): string {
  const parsed = parseDay(day);
  if (!parsed) throw new InvalidDayError(`Ngày không hợp lệ: ${day}`);
  return `${pad(parsed.date)}/${pad(parsed.month)}/${parsed.year}`;
}

/** dd/mm/yyyy (d/m/yyyy accepted) → YYYY-MM-DD, or null when it is not a real day. */
export function parseDayVi(text: string): string | null {
  const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!match) return null;
  const day = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return parseDay(day) ? day : null;
}

/** An instant as dd/mm/yyyy HH:mm in Vietnam time. */
export function formatDateTimeVi(instant: Date): string {
  const iso = toVietnamIso(instant);
  return `${formatDayVi(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** An instant as HH:mm in Vietnam time. */
export function formatTimeVi(instant: Date): string {
  return toVietnamIso(instant).slice(11, 16);
}
