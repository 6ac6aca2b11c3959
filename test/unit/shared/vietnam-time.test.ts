import { afterEach, describe, expect, it } from 'vitest';
import {
  formatDateTimeVi,
  formatDayVi,
  parseDayVi,
  formatTimeVi,
  parseDay,
  startOfVietnamDay,
  toVietnamIso,
  vietnamDay,
  vietnamDayRange,
} from '../../../shared/domain/vietnam-time.ts';

const originalTz = process.env.TZ;

function checkBoundaries(): void {
  // 17:00Z is midnight in Vietnam: the day flips there, not at UTC or local midnight.
  expect(vietnamDay(new Date('2026-11-27T16:59:59.999Z'))).toBe('2026-11-27');
  expect(vietnamDay(new Date('2026-11-27T17:00:00.000Z'))).toBe('2026-11-28');
  expect(toVietnamIso(new Date('2026-11-27T17:00:00.000Z'))).toBe('2026-11-28T00:00:00.000+07:00');
  expect(toVietnamIso(new Date('2026-11-28T16:59:00.000Z'))).toBe('2026-11-28T23:59:00.000+07:00');
  expect(formatDateTimeVi(new Date('2026-11-28T16:59:00.000Z'))).toBe('28/11/2026 23:59');
  expect(formatTimeVi(new Date('2026-11-27T17:00:00.000Z'))).toBe('00:00');
  expect(startOfVietnamDay('2026-11-28').toISOString()).toBe('2026-11-27T17:00:00.000Z');
  // New Year's Eve crosses the year in Vietnam while it is still afternoon in UTC.
  expect(vietnamDay(new Date('2025-12-31T17:30:00.000Z'))).toBe('2026-01-01');
}

describe('Vietnam time', () => {
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('puts the day boundary at 00:00 +07:00 and formats 23:59 correctly', () => {
    checkBoundaries();
  });

  it('gives the same answers when the process runs in New York time', () => {
    process.env.TZ = 'America/New_York';
    // Proves the zone change took effect in this process before trusting the checks below.
    expect(new Date('2026-11-27T17:00:00.000Z').getHours()).toBe(12);
    checkBoundaries();
    expect(formatDayVi('2021-06-14')).toBe('14/06/2021');
  });

  it('gives the same answers when the process runs in UTC+14', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    expect(new Date('2026-11-27T17:00:00.000Z').getHours()).toBe(7);
    checkBoundaries();
  });

  it('writes dates as dd/mm/yyyy', () => {
    expect(formatDayVi('2021-01-01')).toBe('01/01/2021');
    expect(formatDayVi('2021-06-14')).toBe('14/06/2021');
  });

  it('rejects days that do not exist or are badly written', () => {
    for (const bad of ['2021-02-29', '2021-13-01', '2021-00-10', '2021-04-31', '2021-6-14', '14/06/2021', '']) {
      expect(parseDay(bad)).toBeNull();
      expect(() => formatDayVi(bad)).toThrow(/Ngày không hợp lệ/);
      expect(() => startOfVietnamDay(bad)).toThrow(RangeError);
    }
    expect(parseDay('2024-02-29')).toEqual({ year: 2024, month: 2, date: 29 });
  });

  it('covers whole Vietnam days, both ends included, and refuses a reversed period', () => {
    const { start, end } = vietnamDayRange('2021-01-01', '2021-06-14');
    expect(start.toISOString()).toBe('2020-12-31T17:00:00.000Z');
    expect(end.toISOString()).toBe('2021-06-14T17:00:00.000Z');
    const oneDay = vietnamDayRange('2021-06-14', '2021-06-14');
    expect(oneDay.end.getTime() - oneDay.start.getTime()).toBe(86_400_000);
    expect(() => vietnamDayRange('2021-06-15', '2021-06-14')).toThrow(/Ngày bắt đầu phải trước/);
  });
});

describe('parseDayVi', () => {
  it('reads dd/mm/yyyy (and d/m/yyyy) as the day, and refuses mm/dd or a day that does not exist', () => {
    expect(parseDayVi('05/11/2026')).toBe('2026-11-05');
    expect(parseDayVi(' 5/1/2026 ')).toBe('2026-01-05');
    expect(parseDayVi('29/02/2028')).toBe('2028-02-29');
    expect(parseDayVi('29/02/2026')).toBeNull();
    expect(parseDayVi('11/31/2026')).toBeNull();
    expect(parseDayVi('2026-11-05')).toBeNull();
    expect(parseDayVi('')).toBeNull();
  });
});
