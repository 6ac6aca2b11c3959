import { vietnamDay } from './vietnam-time.ts';

/** The numbering part of a service's configuration. */
export interface NumberingRule {
  prefix: string;
  start: number;
  end: number;
  step: number;
  dailyCap: number;
}

export const NUMBERS_EXHAUSTED_MESSAGE = 'Đã hết số thứ tự cho dịch vụ này hôm nay';

/**
 * The numbering day of an instant: numbers restart at midnight Vietnam time, whatever the
 * machine's own time zone.
 */
export function numberingDay(instant: Date): string {
  return vietnamDay(instant);
}

/**
 * The number for the ticket issued after `issuedToday` others in the same service on the same
 * day, or null when the day's numbers are used up (past `end`, or `dailyCap` reached).
 */
export function nthNumber(rule: NumberingRule, issuedToday: number): number | null {
  if (!Number.isInteger(issuedToday) || issuedToday < 0) throw new RangeError('issuedToday must be a natural number');
  if (issuedToday >= rule.dailyCap) return null;
  const value = rule.start + issuedToday * rule.step;
  return value > rule.end ? null : value;
}

/** How many numbers a service can issue in one day. */
export function numbersPerDay(rule: NumberingRule): number {
  return Math.min(rule.dailyCap, Math.floor((rule.end - rule.start) / rule.step) + 1);
}

/**
 * The label printed and announced. Without a prefix the number is shown as is (1001); with a
 * letter it is padded to the width of the service's last number (A001 … A999).
 */
export function formatTicketNumber(rule: Pick<NumberingRule, 'prefix' | 'end'>, value: number): string {
  if (rule.prefix === '') return String(value);
  return `${rule.prefix}${String(value).padStart(String(rule.end).length, '0')}`;
}
