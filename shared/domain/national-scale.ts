import { NATIONAL_LEVELS, type NationalLevel, type NationalScaleMap } from '../contract/centre-settings.ts';

/**
 * The national view of a centre's ratings (issue 11 §5): its scale mapped onto the three levels
 * of the provincial one-door systems (Rất hài lòng / Hài lòng / Không hài lòng), the share of
 * satisfied citizens, and a 0–100 index.
 *
 * The index is the mean of the ratings' weights. The weights spread evenly from 100 (the best
 * level of the centre's scale) to 0 (the worst), in the scale's order: on the default four
 * levels Tốt 100, Khá 67, Trung bình 33, Kém 0 (100 × 2/3 and 100 × 1/3, rounded); on a
 * three-level scale 100 / 50 / 0; on five levels 100 / 75 / 50 / 25 / 0. The index does not
 * depend on the three-level mapping; the satisfied share does.
 */

export interface ScaleLevel {
  code: string;
  order: number;
  low: boolean;
}

/** The default mapping for any scale: the best level → Rất hài lòng, low levels → Không hài lòng, the rest → Hài lòng. */
export function defaultNationalMap(levels: readonly ScaleLevel[]): NationalScaleMap {
  const ordered = [...levels].sort((a, b) => a.order - b.order);
  const map: NationalScaleMap = {};
  ordered.forEach((level, index) => {
    map[level.code] = index === 0 ? 'rat_hai_long' : level.low ? 'khong_hai_long' : 'hai_long';
  });
  return map;
}

/** Weight of each level code, best = 100, worst = 0, evenly spaced and rounded to whole numbers. */
export function indexWeights(levels: readonly ScaleLevel[]): Map<string, number> {
  const ordered = [...levels].sort((a, b) => a.order - b.order);
  const steps = Math.max(1, ordered.length - 1);
  return new Map(ordered.map((level, index) => [level.code, Math.round((100 * (steps - index)) / steps)]));
}

export interface NationalSummary {
  /** Ratings per national level, in NATIONAL_LEVELS order. */
  counts: Record<NationalLevel, number>;
  total: number;
  /** (Rất hài lòng + Hài lòng) ÷ total × 100; null with no rating. */
  satisfiedPercent: number | null;
  /** 0–100; null with no rating. */
  index: number | null;
}

/** Summarises counts per level code; a level the centre did not map falls back to the default mapping. */
export function nationalSummary(
  levelCounts: ReadonlyMap<string, number>,
  levels: readonly ScaleLevel[],
  map: NationalScaleMap,
): NationalSummary {
  const fallback = defaultNationalMap(levels);
  const weights = indexWeights(levels);
  const counts = Object.fromEntries(NATIONAL_LEVELS.map((l) => [l, 0])) as Record<NationalLevel, number>;
  let total = 0;
  let weighted = 0;
  for (const [code, n] of levelCounts) {
    const national = map[code] ?? fallback[code];
    const weight = weights.get(code);
    // A level unknown to the scale (never expected: the server keeps retired levels) is left out.
    if (!national || weight === undefined || n <= 0) continue;
    counts[national] += n;
    total += n;
    weighted += n * weight;
  }
  return {
    counts,
    total,
    satisfiedPercent: total > 0 ? ((counts.rat_hai_long + counts.hai_long) / total) * 100 : null,
    index: total > 0 ? weighted / total : null,
  };
}

export interface NationalRow extends NationalSummary {
  stt: number;
  officerId: string;
  fullName: string;
  agencyId: string;
  agencyName: string;
}

export interface NationalAgencyRow extends NationalSummary {
  agencyId: string;
  agencyName: string;
}

export interface NationalReport {
  from: string;
  to: string;
  periodLine: string;
  /** How each level of the centre's scale counts: its national level and its index weight. */
  mapping: { code: string; label: string; national: NationalLevel; weight: number }[];
  rows: NationalRow[];
  agencies: NationalAgencyRow[];
  centre: NationalSummary;
  misuseExcluded: number;
}

export const NATIONAL_TITLE = 'MỨC ĐỘ HÀI LÒNG THEO THANG BA MỨC VÀ CHỈ SỐ HÀI LÒNG';

/**
 * The national view built from the same rows as Phụ lục 2 (same officers, agencies, order,
 * period and misuse rule), so the two reports always agree on the counts.
 */
export function buildNationalReport(
  phuLuc2: {
    from: string;
    to: string;
    periodLine: string;
    levels: readonly { code: string; label: string }[];
    rows: readonly {
      stt: number;
      officerId: string;
      fullName: string;
      agencyId: string;
      agencyName: string;
      counts: readonly number[];
    }[];
    misuseExcluded: number;
  },
  lowLevels: ReadonlySet<string>,
  map: NationalScaleMap,
): NationalReport {
  const levels: ScaleLevel[] = phuLuc2.levels.map((l, order) => ({ code: l.code, order, low: lowLevels.has(l.code) }));
  const fallback = defaultNationalMap(levels);
  const weights = indexWeights(levels);
  const byCode = (counts: readonly number[]) => new Map(levels.map((l, i) => [l.code, counts[i] ?? 0]));
  const agencyTotals = new Map<string, { agencyName: string; counts: number[] }>();
  const centre = levels.map(() => 0);
  const rows = phuLuc2.rows.map((row) => {
    const agency = agencyTotals.get(row.agencyId) ?? { agencyName: row.agencyName, counts: levels.map(() => 0) };
    row.counts.forEach((n, i) => {
      agency.counts[i]! += n;
      centre[i]! += n;
    });
    agencyTotals.set(row.agencyId, agency);
    return {
      stt: row.stt,
      officerId: row.officerId,
      fullName: row.fullName,
      agencyId: row.agencyId,
      agencyName: row.agencyName,
      ...nationalSummary(byCode(row.counts), levels, map),
    };
  });
  return {
    from: phuLuc2.from,
    to: phuLuc2.to,
    periodLine: phuLuc2.periodLine,
    mapping: phuLuc2.levels.map((l) => ({
      code: l.code,
      label: l.label,
      national: map[l.code] ?? fallback[l.code] ?? 'hai_long',
      weight: weights.get(l.code) ?? 0,
    })),
    rows,
    agencies: [...agencyTotals].map(([agencyId, a]) => ({
      agencyId,
      agencyName: a.agencyName,
      ...nationalSummary(byCode(a.counts), levels, map),
    })),
    centre: nationalSummary(byCode(centre), levels, map),
    misuseExcluded: phuLuc2.misuseExcluded,
  };
}
