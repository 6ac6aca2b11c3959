import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from '../../../electron/core/sync/backoff.ts';

describe('backoff with full jitter', () => {
  it('stays between 0 and min(5 min, 1 s · 2^attempt) for any attempt and any random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = backoffDelay(attempt, () => r);
          const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(Number.isFinite(delay)).toBe(true);
        },
      ),
    );
  });

  it('doubles its ceiling per attempt until the 5-minute cap', () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, top))).toEqual([999, 1999, 3999, 7999]);
    expect(backoffDelay(8, top)).toBe(255_999);
    expect(backoffDelay(9, top)).toBe(299_999);
    expect(backoffDelay(60, top)).toBe(299_999);
  });

  it('is fully jittered: the draw picks anywhere in the window, including zero', () => {
    expect(backoffDelay(5, () => 0)).toBe(0);
    expect(backoffDelay(5, () => 0.5)).toBe(16_000);
    const draws = new Set(Array.from({ length: 50 }, (_, i) => backoffDelay(4, () => i / 50)));
    expect(draws.size).toBe(50);
  });
});
