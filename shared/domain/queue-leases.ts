import { formatTicketNumber, nthNumber, numbersPerDay, type NumberingRule } from './queue-numbering.ts';
import { vietnamDay } from './vietnam-time.ts';

/**
 * Offline numbering without collisions: the server leases each issuing kiosk blocks of a
 * service's day sequence (positions 0, 1, 2 … of `nthNumber`). A kiosk issues only positions it
 * holds, so two kiosks never print the same number for one service on one day, even apart.
 */
export const LEASE_BLOCK_SIZE = 50;

/** How many blocks of one service and day a kiosk may hold that it has not half used yet. */
export const LEASE_MAX_UNUSED = LEASE_BLOCK_SIZE * 1.5;

export interface NumberLease {
  serviceId: string;
  /** Vietnam calendar day, YYYY-MM-DD. */
  day: string;
  /** First position of the block in the day's sequence (0-based). */
  firstIndex: number;
  count: number;
}

export const NUMBERS_NOT_LEASED_MESSAGE =
  'Kiosk đã dùng hết các số được cấp trước cho dịch vụ này và chưa kết nối được máy chủ để nhận thêm. ' +
  'Vui lòng lấy số ở kiosk khác hoặc báo cán bộ; số sẽ có lại khi có kết nối';

export function leaseHolds(lease: Pick<NumberLease, 'firstIndex' | 'count'>, index: number): boolean {
  return index >= lease.firstIndex && index < lease.firstIndex + lease.count;
}

/** Today and tomorrow in Vietnam time: the days a kiosk holds leases for. */
export function leaseDays(instant: Date): [string, string] {
  return [vietnamDay(instant), vietnamDay(new Date(instant.getTime() + 24 * 3600_000))];
}

/** A kiosk asks for another block once fewer than half a block is left. */
export function needsMoreNumbers(remaining: number, block = LEASE_BLOCK_SIZE): boolean {
  return remaining < block / 2;
}

/**
 * The next block of a service's day, after every block already leased to anyone, or null when
 * the day's numbers are all leased. `leased` holds every lease of that service and day.
 */
export function nextBlock(
  leased: ReadonlyArray<Pick<NumberLease, 'firstIndex' | 'count'>>,
  rule: NumberingRule,
  block = LEASE_BLOCK_SIZE,
): { firstIndex: number; count: number } | null {
  const next = leased.reduce((end, l) => Math.max(end, l.firstIndex + l.count), 0);
  const perDay = numbersPerDay(rule);
  if (next >= perDay) return null;
  return { firstIndex: next, count: Math.min(block, perDay - next) };
}

/**
 * Whether the server grants a device one more block: only while what it already holds is
 * mostly used (by the tickets the server has seen), so a stolen token cannot drain a day.
 */
export function mayGrantMore(leasedToDevice: number, usedByDevice: number, block = LEASE_BLOCK_SIZE): boolean {
  return leasedToDevice - usedByDevice < block / 2 + 1;
}

/** The position in the day's sequence that a printed number stands for, or null if none does. */
export function indexOfNumber(rule: NumberingRule, number: string): number | null {
  const digits = rule.prefix === '' ? number : number.startsWith(rule.prefix) ? number.slice(1) : null;
  if (digits === null || !/^\d{1,7}$/.test(digits)) return null;
  const value = Number(digits);
  if ((value - rule.start) % rule.step !== 0) return null;
  const index = (value - rule.start) / rule.step;
  return index >= 0 && nthNumber(rule, index) === value ? index : null;
}

/** A label the service really prints: one of its numbers, written as the kiosk writes it (A001, not A0001). */
export function isServiceNumber(rule: NumberingRule, number: string): boolean {
  const index = indexOfNumber(rule, number);
  return index !== null && formatTicketNumber(rule, nthNumber(rule, index)!) === number;
}

/** A ticket label of a service the server no longer lists: at most a capital letter and six digits. */
export const ANY_TICKET_NUMBER = /^[A-Z]?\d{1,6}$/;
