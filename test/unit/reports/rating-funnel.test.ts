import { describe, expect, it } from 'vitest';
import { EMPTY_FUNNEL, isLowOutlier, OUTLIER_MIN_SERVED } from '../../../shared/domain/rating-funnel.ts';

const centre = { ...EMPTY_FUNNEL, served: 200, rated: 120 }; // 60 %

describe('the low-outlier rule of the funnel', () => {
  it('marks a share more than two standard errors below the centre, never a small sample', () => {
    // n = 10 at 60 %: SE ≈ 15.5 points; 3/10 (z ≈ −1.94) is bad luck, 2/10 (z ≈ −2.58) is not.
    expect(isLowOutlier({ served: 10, rated: 3 }, centre)).toBe(false);
    expect(isLowOutlier({ served: 10, rated: 2 }, centre)).toBe(true);
    // n = 100: 50 rated is z ≈ −2.04, an outlier; 51 is not.
    expect(isLowOutlier({ served: 100, rated: 50 }, centre)).toBe(true);
    expect(isLowOutlier({ served: 100, rated: 51 }, centre)).toBe(false);
    // Too few tickets say nothing, even none rated.
    expect(isLowOutlier({ served: OUTLIER_MIN_SERVED - 1, rated: 0 }, centre)).toBe(false);
  });

  it('marks no one when the centre rates everything or nothing', () => {
    expect(isLowOutlier({ served: 50, rated: 0 }, { ...EMPTY_FUNNEL, served: 50, rated: 0 })).toBe(false);
    expect(isLowOutlier({ served: 50, rated: 50 }, { ...EMPTY_FUNNEL, served: 50, rated: 50 })).toBe(false);
  });
});
