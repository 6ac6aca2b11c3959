/**
 * The rating prompt as a funnel (issue 11 §1): of the tickets an officer finished, how many
 * were prompted on the citizen screen and how many were rated, and what happened to the rest.
 * Every count is of tickets finished on the period's Vietnam days.
 */
export interface FunnelCounts {
  served: number;
  prompted: number;
  /** Tickets with a rating (any channel), misuse excluded. */
  rated: number;
  /** Of `rated`, those rated later from the citizen's phone (the QR on the ticket). */
  ratedByPhone: number;
  declined: number;
  timedOut: number;
  notShownScreenBusy: number;
  notShownNoScreen: number;
  notShownCitizenAbsent: number;
}

export interface FunnelRow extends FunnelCounts {
  /** Officer id, or agency id for an agency row. */
  id: string;
  name: string;
  agencyName: string;
  promptedPercent: number | null;
  ratedPercent: number | null;
  /** Rated ÷ prompted: how often a shown prompt was answered. */
  ratedOfPromptedPercent: number | null;
  /** A real outlier on the low side (see isLowOutlier). */
  low: boolean;
}

export const FUNNEL_COLUMNS = {
  served: 'Đã phục vụ',
  prompted: 'Được mời đánh giá',
  promptedPercent: 'Tỷ lệ được mời (%)',
  rated: 'Đã đánh giá',
  ratedPercent: 'Tỷ lệ đánh giá (%)',
  ratedByPhone: 'Trong đó qua điện thoại',
  declined: 'Bỏ qua',
  timedOut: 'Hết thời gian',
  notShown: 'Không hiển thị',
  low: 'Thấp bất thường',
} as const;

export const EMPTY_FUNNEL: FunnelCounts = {
  served: 0,
  prompted: 0,
  rated: 0,
  ratedByPhone: 0,
  declined: 0,
  timedOut: 0,
  notShownScreenBusy: 0,
  notShownNoScreen: 0,
  notShownCitizenAbsent: 0,
};

export function addFunnel(a: FunnelCounts, b: FunnelCounts): FunnelCounts {
  const out = { ...a };
  for (const key of Object.keys(EMPTY_FUNNEL) as (keyof FunnelCounts)[]) out[key] = a[key] + b[key];
  return out;
}

export const percentOf = (part: number, whole: number): number | null => (whole > 0 ? (part / whole) * 100 : null);

/** Fewer served tickets than this say too little about an officer to single them out. */
export const OUTLIER_MIN_SERVED = 10;

/**
 * A real outlier, not bad luck: the officer's rated share is more than two standard errors
 * below the centre's (a one-sided binomial z-test, z < −2), with at least OUTLIER_MIN_SERVED
 * tickets. With 10 tickets and a centre at 60 % that is 3 rated or fewer; with 100, 50 or fewer.
 */
export function isLowOutlier(officer: Pick<FunnelCounts, 'served' | 'rated'>, centre: FunnelCounts): boolean {
  if (officer.served < OUTLIER_MIN_SERVED || centre.served === 0) return false;
  const p = centre.rated / centre.served;
  if (p <= 0 || p >= 1) return false;
  const z = (officer.rated / officer.served - p) / Math.sqrt((p * (1 - p)) / officer.served);
  return z < -2;
}

export function funnelRow(
  id: string,
  name: string,
  agencyName: string,
  counts: FunnelCounts,
  centre: FunnelCounts,
  officer: boolean,
): FunnelRow {
  return {
    id,
    name,
    agencyName,
    ...counts,
    promptedPercent: percentOf(counts.prompted, counts.served),
    ratedPercent: percentOf(counts.rated, counts.served),
    ratedOfPromptedPercent: percentOf(counts.rated, counts.prompted),
    low: officer && isLowOutlier(counts, centre),
  };
}

export interface FunnelReport {
  officers: FunnelRow[];
  agencies: FunnelRow[];
  centre: FunnelRow;
}
