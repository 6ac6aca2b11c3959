import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageServiceMinutes, estimateWaitMinutes } from '../../../shared/domain/queue-wait.ts';

const MIN = 60_000;

describe('estimated wait', () => {
  it('uses 5 minutes per person when there is no history', () => {
    expect(estimateWaitMinutes({ peopleAhead: 3, recentServiceMs: [], samples: 5, defaultServiceMinutes: 5 })).toBe(15);
  });

  it('is zero with nobody ahead', () => {
    expect(
      estimateWaitMinutes({ peopleAhead: 0, recentServiceMs: [10 * MIN], samples: 5, defaultServiceMinutes: 5 }),
    ).toBe(0);
  });

  it('averages only the newest K service times', () => {
    // Newest first: 2, 4 minutes, then an old 60-minute outlier outside K = 2.
    expect(averageServiceMinutes([2 * MIN, 4 * MIN, 60 * MIN], 2, 5)).toBe(3);
    expect(
      estimateWaitMinutes({
        peopleAhead: 4,
        recentServiceMs: [2 * MIN, 4 * MIN, 60 * MIN],
        samples: 2,
        defaultServiceMinutes: 5,
      }),
    ).toBe(12);
  });

  it('rounds partial minutes up', () => {
    expect(
      estimateWaitMinutes({ peopleAhead: 1, recentServiceMs: [90_000], samples: 5, defaultServiceMinutes: 5 }),
    ).toBe(2);
  });

  it('ignores unusable durations (zero or negative from a clock change)', () => {
    expect(averageServiceMinutes([0, -MIN, 6 * MIN], 5, 5)).toBe(6);
    expect(averageServiceMinutes([0, -MIN], 5, 5)).toBe(5);
  });

  it('grows with the people ahead and stays between min and max service time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1000, max: 60 * MIN }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 50 }),
        (times, samples, ahead) => {
          const input = { recentServiceMs: times, samples, defaultServiceMinutes: 5 };
          const wait = estimateWaitMinutes({ ...input, peopleAhead: ahead });
          expect(estimateWaitMinutes({ ...input, peopleAhead: ahead + 1 })).toBeGreaterThanOrEqual(wait);
          const used = times.slice(0, samples);
          expect(wait).toBeGreaterThanOrEqual(Math.floor((ahead * Math.min(...used)) / MIN));
          expect(wait).toBeLessThanOrEqual(Math.ceil((ahead * Math.max(...used)) / MIN));
        },
      ),
    );
  });
});
