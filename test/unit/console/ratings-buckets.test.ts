import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketStart, bucketsOf, granularityFor } from '../../../server/console/ratings-stats-query.ts';
import { presetPeriod } from '../../../renderer/console/src/periods.ts';

describe('ratings over a period: buckets', () => {
  it('uses days for a month, weeks for a quarter, months for a half-year', () => {
    expect(granularityFor('2026-11-01', '2026-11-30')).toBe('day');
    expect(granularityFor('2026-10-01', '2026-12-31')).toBe('week');
    expect(granularityFor('2026-01-01', '2026-06-30')).toBe('month');
  });

  it('starts weeks on Monday and labels buckets the Vietnamese way', () => {
    expect(bucketStart('2026-11-28', 'week')).toBe('2026-11-23'); // a Saturday → its Monday
    expect(bucketStart('2026-11-23', 'week')).toBe('2026-11-23');
    expect(bucketLabel('2026-11-23', 'week')).toBe('Tuần 23/11');
    expect(bucketLabel('2026-02-01', 'month')).toBe('T2/2026');
    expect(bucketLabel('2026-02-09', 'day')).toBe('09/02');
  });

  it('lists every bucket of the period, across a year end', () => {
    expect(bucketsOf('2025-11-15', '2026-02-03', 'month')).toEqual([
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ]);
    expect(bucketsOf('2026-02-27', '2026-03-02', 'day')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });
});

describe('period presets (Vietnam calendar)', () => {
  // 17:30 UTC on 30 June is already 1 July in Vietnam.
  const now = new Date('2026-06-30T17:30:00Z');
  it('follows the Vietnam day, not the machine’s', () => {
    expect(presetPeriod('month', now)).toEqual({ from: '2026-07-01', to: '2026-07-31' });
    expect(presetPeriod('quarter', now)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetPeriod('half', now)).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(presetPeriod('year', now)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(presetPeriod('month', new Date('2028-02-10T00:00:00Z'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
