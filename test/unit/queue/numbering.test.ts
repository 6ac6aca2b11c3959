import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  formatTicketNumber,
  nthNumber,
  numberingDay,
  numbersPerDay,
  type NumberingRule,
} from '../../../shared/domain/queue-numbering.ts';

const CHUNG_THUC: NumberingRule = { prefix: '', start: 1001, end: 1999, step: 1, dailyCap: 999 };

const ruleArb = fc
  .record({
    start: fc.integer({ min: 0, max: 5000 }),
    span: fc.integer({ min: 0, max: 5000 }),
    step: fc.integer({ min: 1, max: 50 }),
    dailyCap: fc.integer({ min: 1, max: 400 }),
    prefix: fc.constantFrom('', 'A', 'B'),
  })
  .map(({ start, span, step, dailyCap, prefix }) => ({ prefix, start, end: start + span, step, dailyCap }));

describe('numbering within a day', () => {
  it('issues 1001, 1002, 1003 … for the first tickets of a service', () => {
    expect([0, 1, 2].map((k) => nthNumber(CHUNG_THUC, k))).toEqual([1001, 1002, 1003]);
  });

  it('walks from start by step, never past end nor past the daily cap, and never repeats', () => {
    fc.assert(
      fc.property(ruleArb, (rule) => {
        const issued: number[] = [];
        for (let k = 0; ; k += 1) {
          const value = nthNumber(rule, k);
          if (value === null) break;
          issued.push(value);
        }
        expect(issued.length).toBe(numbersPerDay(rule));
        expect(issued.length).toBeLessThanOrEqual(rule.dailyCap);
        issued.forEach((value, k) => {
          expect(value).toBe(rule.start + k * rule.step);
          expect(value).toBeLessThanOrEqual(rule.end);
        });
        expect(new Set(issued).size).toBe(issued.length);
        // Once exhausted it stays exhausted.
        expect(nthNumber(rule, issued.length + 1)).toBeNull();
      }),
    );
  });

  it('stops at the daily cap even when the range has numbers left', () => {
    const capped = { ...CHUNG_THUC, dailyCap: 3 };
    expect(nthNumber(capped, 2)).toBe(1003);
    expect(nthNumber(capped, 3)).toBeNull();
  });

  it('stops at the end number even when the cap allows more', () => {
    const short = { ...CHUNG_THUC, end: 1002, dailyCap: 999 };
    expect(nthNumber(short, 1)).toBe(1002);
    expect(nthNumber(short, 2)).toBeNull();
  });

  it('formats with the prefix padded to the width of the last number', () => {
    expect(formatTicketNumber(CHUNG_THUC, 1001)).toBe('1001');
    expect(formatTicketNumber({ prefix: 'A', end: 999 }, 7)).toBe('A007');
    expect(formatTicketNumber({ prefix: 'B', end: 1999 }, 1001)).toBe('B1001');
  });
});

describe('numbering day', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  for (const tz of ['America/Los_Angeles', 'UTC', 'Asia/Tokyo']) {
    it(`changes at midnight Vietnam time, also with TZ=${tz}`, () => {
      process.env.TZ = tz;
      expect(new Date('2026-11-28T23:59:59+07:00').getHours()).not.toBe(23);
      expect(numberingDay(new Date('2026-11-28T23:59:59+07:00'))).toBe('2026-11-28');
      expect(numberingDay(new Date('2026-11-29T00:00:00+07:00'))).toBe('2026-11-29');
      expect(numberingDay(new Date('2026-11-28T00:00:00+07:00'))).toBe('2026-11-28');
    });
  }
});
