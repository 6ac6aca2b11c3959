import { describe, expect, it } from 'vitest';
import { lowestCoverageOutlier, type CoverageRow } from '../../../shared/domain/coverage-outlier.ts';

const row = (officerId: string, coveragePercent: number | null, ticketsServed = 40): CoverageRow => ({
  officerId,
  coveragePercent,
  ticketsServed,
});

describe('the console tags `thấp nhất` only for a real outlier', () => {
  it('never tags an officer at 100 %, even the last of a list where everyone is at 100 %', () => {
    expect(lowestCoverageOutlier([row('a', 100), row('b', 100), row('c', 100)])).toBeNull();
  });

  it('does not tag the last of a good centre (90–100 %)', () => {
    expect(lowestCoverageOutlier([row('a', 100), row('b', 95), row('c', 90), row('d', 92)])).toBeNull();
  });

  it('tags an officer far below the centre median and below the floor, the lowest of several', () => {
    expect(lowestCoverageOutlier([row('a', 95), row('b', 30), row('c', 90), row('d', 20), row('e', 88)])).toBe('d');
  });

  it('does not tag a low officer when the whole centre is as low (not an outlier of the centre)', () => {
    expect(lowestCoverageOutlier([row('a', 35), row('b', 30), row('c', 40)])).toBeNull();
  });

  it('does not tag someone 20 points under a median of 100 but still at 70 %', () => {
    expect(lowestCoverageOutlier([row('a', 100), row('b', 100), row('c', 70)])).toBeNull();
  });

  it('ignores officers with too few served tickets or no coverage, and a centre of one', () => {
    expect(lowestCoverageOutlier([row('a', 100), row('b', 0, 2), row('c', null, 0)])).toBeNull();
    expect(lowestCoverageOutlier([row('a', 10)])).toBeNull();
  });
});
