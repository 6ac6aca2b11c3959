import { EMPTY_FUNNEL, isLowOutlier } from './rating-funnel.ts';

/**
 * When the console tags an officer's rating coverage `thấp nhất`: only a real outlier, never
 * merely the last of a good list. The rule is the funnel's (isLowOutlier: rated share more than
 * two standard errors below the centre's, over enough tickets), so the Ratings page and the
 * funnel never disagree about who stands out; of the outliers the lowest is tagged.
 */
export interface CoverageRow {
  officerId: string;
  ticketsServed: number;
  ticketRatings: number;
}

/** The officer to tag `thấp nhất`, or null when nobody stands out. */
export function lowestCoverageOutlier(rows: readonly CoverageRow[]): string | null {
  const centre = { ...EMPTY_FUNNEL };
  for (const row of rows) {
    centre.served += row.ticketsServed;
    centre.rated += row.ticketRatings;
  }
  let lowest: { officerId: string; share: number } | null = null;
  for (const row of rows) {
    if (!isLowOutlier({ served: row.ticketsServed, rated: row.ticketRatings }, centre)) continue;
    const share = row.ticketRatings / row.ticketsServed;
    if (!lowest || share < lowest.share) lowest = { officerId: row.officerId, share };
  }
  return lowest?.officerId ?? null;
}
