import { describe, expect, it } from 'vitest';
import {
  LEASE_BLOCK_SIZE,
  indexOfNumber,
  leaseDays,
  leaseHolds,
  mayGrantMore,
  needsMoreNumbers,
  nextBlock,
} from '../../../shared/domain/queue-leases.ts';
import { formatTicketNumber, nthNumber } from '../../../shared/domain/queue-numbering.ts';

const plain = { prefix: '', start: 1001, end: 1999, step: 1, dailyCap: 999 };
const lettered = { prefix: 'A', start: 1, end: 999, step: 2, dailyCap: 300 };

describe('number leases', () => {
  it('hands out consecutive blocks after every block already leased, to anyone', () => {
    expect(nextBlock([], plain)).toEqual({ firstIndex: 0, count: LEASE_BLOCK_SIZE });
    expect(
      nextBlock(
        [
          { firstIndex: 0, count: 50 },
          { firstIndex: 100, count: 50 },
          { firstIndex: 50, count: 50 },
        ],
        plain,
      ),
    ).toEqual({ firstIndex: 150, count: 50 });
  });

  it('cuts the last block at the end of the day and then has none', () => {
    // 999 numbers a day: the block from 950 holds 49.
    expect(nextBlock([{ firstIndex: 0, count: 950 }], plain)).toEqual({ firstIndex: 950, count: 49 });
    expect(nextBlock([{ firstIndex: 0, count: 999 }], plain)).toBeNull();
    // A daily cap below the range: 300 numbers, 1, 3, 5 … 599.
    expect(nextBlock([{ firstIndex: 0, count: 290 }], lettered)).toEqual({ firstIndex: 290, count: 10 });
  });

  it('asks for more once fewer than half a block is left', () => {
    expect(needsMoreNumbers(0)).toBe(true);
    expect(needsMoreNumbers(24)).toBe(true);
    expect(needsMoreNumbers(25)).toBe(false);
    expect(needsMoreNumbers(50)).toBe(false);
  });

  it('grants another block only while what the device holds is mostly used', () => {
    expect(mayGrantMore(0, 0)).toBe(true);
    expect(mayGrantMore(50, 30)).toBe(true);
    expect(mayGrantMore(50, 10)).toBe(false);
    // A stolen token asking again and again without issuing gets nothing more.
    expect(mayGrantMore(100, 0)).toBe(false);
  });

  it('knows which block holds a position', () => {
    expect(leaseHolds({ firstIndex: 50, count: 50 }, 49)).toBe(false);
    expect(leaseHolds({ firstIndex: 50, count: 50 }, 50)).toBe(true);
    expect(leaseHolds({ firstIndex: 50, count: 50 }, 99)).toBe(true);
    expect(leaseHolds({ firstIndex: 50, count: 50 }, 100)).toBe(false);
  });

  it('reads a printed number back into its position, and refuses what the service never prints', () => {
    for (const index of [0, 1, 57, 298, 299]) {
      expect(indexOfNumber(lettered, formatTicketNumber(lettered, nthNumber(lettered, index)!))).toBe(index);
    }
    expect(indexOfNumber(plain, '1001')).toBe(0);
    expect(indexOfNumber(plain, '1999')).toBe(998);
    expect(indexOfNumber(plain, '2000')).toBeNull();
    expect(indexOfNumber(plain, '1000')).toBeNull();
    expect(indexOfNumber(lettered, 'A002')).toBeNull(); // even: not on the step
    expect(indexOfNumber(lettered, 'A601')).toBeNull(); // past the daily cap
    expect(indexOfNumber(lettered, 'B001')).toBeNull();
    expect(indexOfNumber(plain, '10e3')).toBeNull();
  });

  it('leases today and tomorrow in Vietnam time', () => {
    // 23:30 in Hà Nội is still 16:30 UTC of the same day.
    expect(leaseDays(new Date('2026-12-03T16:30:00Z'))).toEqual(['2026-12-03', '2026-12-04']);
    expect(leaseDays(new Date('2026-12-03T17:30:00Z'))).toEqual(['2026-12-04', '2026-12-05']);
  });
});
