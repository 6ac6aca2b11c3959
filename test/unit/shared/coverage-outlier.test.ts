import { describe, expect, it } from 'vitest';
import { lowestCoverageOutlier, type CoverageRow } from '../../../shared/domain/coverage-outlier.ts';

/** An officer with `percent` of `ticketsServed` tickets rated. */
const row = (officerId: string, percent: number, ticketsServed = 40): CoverageRow => ({
  officerId,
  ticketsServed,
  ticketRatings: Math.round((percent / 100) * ticketsServed),
});

describe('the console tags `thấp nhất` only for a real outlier', () => {
  it('never tags an officer at 100 %, even the last of a list where everyone is at 100 %', () => {
    expect(lowestCoverageOutlier([row('a', 100), row('b', 100), row('c', 100)])).toBeNull();
  });

  it('does not tag the last of a good centre (90–100 %)', () => {
    expect(lowestCoverageOutlier([row('a', 100), row('b', 95), row('c', 90), row('d', 92)])).toBeNull();
  });

  it('tags an officer far below the centre, the lowest of several', () => {
    expect(lowestCoverageOutlier([row('a', 95), row('b', 30), row('c', 90), row('d', 20), row('e', 88)])).toBe('d');
  });

  it('does not tag a low officer when the whole centre is as low (not an outlier of the centre)', () => {
    expect(lowestCoverageOutlier([row('a', 35), row('b', 30), row('c', 40)])).toBeNull();
  });

  it('tells a dip chance explains from a real one: 90 % of 20 is not tagged, 70 % of 40 is', () => {
    expect(lowestCoverageOutlier([row('a', 100, 20), row('b', 100, 20), row('c', 90, 20)])).toBeNull();
    expect(lowestCoverageOutlier([row('a', 100), row('b', 100), row('c', 70)])).toBe('c');
  });

  it('ignores officers with too few served tickets, and a centre of one', () => {
    expect(lowestCoverageOutlier([row('a', 100), row('b', 0, 2), row('c', 0, 0)])).toBeNull();
    expect(lowestCoverageOutlier([row('a', 10)])).toBeNull();
  });
});
