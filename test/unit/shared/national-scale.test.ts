import { describe, expect, it } from 'vitest';
import { DEFAULT_RATING_LEVELS } from '../../../shared/domain/defaults.ts';
import { defaultNationalMap, indexWeights, nationalSummary } from '../../../shared/domain/national-scale.ts';

const FOUR = DEFAULT_RATING_LEVELS.map((l) => ({ code: l.code, order: l.order, low: l.low }));

describe('national three-level scale and index', () => {
  it('maps the default scale as the issue says and weighs it 100/67/33/0', () => {
    expect(defaultNationalMap(FOUR)).toEqual({
      tot: 'rat_hai_long',
      kha: 'hai_long',
      trung_binh: 'khong_hai_long',
      kem: 'khong_hai_long',
    });
    expect(Object.fromEntries(indexWeights(FOUR))).toEqual({ tot: 100, kha: 67, trung_binh: 33, kem: 0 });
  });

  it('computes counts, satisfied share and index for a known set', () => {
    // 6 Tốt, 2 Khá, 1 Trung bình, 1 Kém: satisfied 8/10; index (600 + 134 + 33 + 0) / 10 = 76.7.
    const s = nationalSummary(
      new Map([
        ['tot', 6],
        ['kha', 2],
        ['trung_binh', 1],
        ['kem', 1],
      ]),
      FOUR,
      {},
    );
    expect(s.counts).toEqual({ rat_hai_long: 6, hai_long: 2, khong_hai_long: 2 });
    expect(s.total).toBe(10);
    expect(s.satisfiedPercent).toBeCloseTo(80, 10);
    expect(s.index).toBeCloseTo(76.7, 10);
  });

  it('follows the centre’s mapping for the share, not for the index', () => {
    const counts = new Map([
      ['tot', 1],
      ['trung_binh', 1],
    ]);
    const custom = nationalSummary(counts, FOUR, { trung_binh: 'hai_long' });
    expect(custom.counts).toEqual({ rat_hai_long: 1, hai_long: 1, khong_hai_long: 0 });
    expect(custom.satisfiedPercent).toBe(100);
    expect(custom.index).toBeCloseTo(66.5, 10);
  });

  it('spreads weights evenly on another scale and gives null with no rating', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((code, order) => ({ code, order, low: order >= 3 }));
    expect([...indexWeights(five).values()]).toEqual([100, 75, 50, 25, 0]);
    expect(defaultNationalMap(five)).toEqual({
      a: 'rat_hai_long',
      b: 'hai_long',
      c: 'hai_long',
      d: 'khong_hai_long',
      e: 'khong_hai_long',
    });
    expect(nationalSummary(new Map(), FOUR, {})).toMatchObject({ total: 0, satisfiedPercent: null, index: null });
  });
});
