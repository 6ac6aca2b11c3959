/**
 * When the console tags an officer's rating coverage `thấp nhất`: only a real outlier, never
 * merely the last of a good list. An officer is an outlier when their coverage is below an
 * absolute floor AND well below the centre's median, over enough tickets to mean something;
 * of the outliers the lowest is tagged. An officer at 100 % is never one.
 */
export const COVERAGE_OUTLIER_RULE = {
  /** Below this share of served tickets rated, coverage is low whatever the others do. */
  belowPercent: 50,
  /** …and at least this many percentage points under the centre's median. */
  underMedianBy: 20,
  /** Fewer served tickets than this say nothing about an officer. */
  minTicketsServed: 4,
} as const;

export interface CoverageRow {
  officerId: string;
  coveragePercent: number | null;
  ticketsServed: number;
}

/** The officer to tag `thấp nhất`, or null when nobody stands out. */
export function lowestCoverageOutlier(rows: readonly CoverageRow[]): string | null {
  const measured = rows.filter(
    (row): row is CoverageRow & { coveragePercent: number } =>
      row.coveragePercent !== null && row.ticketsServed >= COVERAGE_OUTLIER_RULE.minTicketsServed,
  );
  // With one officer there is no centre to stand out from.
  if (measured.length < 2) return null;
  const median = medianOf(measured.map((row) => row.coveragePercent));
  let lowest: (CoverageRow & { coveragePercent: number }) | null = null;
  for (const row of measured) {
    const outlier =
      row.coveragePercent < COVERAGE_OUTLIER_RULE.belowPercent &&
      row.coveragePercent <= median - COVERAGE_OUTLIER_RULE.underMedianBy;
    if (outlier && (!lowest || row.coveragePercent < lowest.coveragePercent)) lowest = row;
  }
  return lowest?.officerId ?? null;
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
