/** Service times (finished − started, in ms) of recent tickets, newest first. */
export interface WaitEstimateInput {
  peopleAhead: number;
  recentServiceMs: readonly number[];
  /** How many recent service times the moving average uses. */
  samples: number;
  /** Assumed service time when there is no usable history. */
  defaultServiceMinutes: number;
}

/** Mean of the newest `samples` positive service times, in minutes, or the default. */
export function averageServiceMinutes(
  recentServiceMs: readonly number[],
  samples: number,
  defaultServiceMinutes: number,
): number {
  const usable = recentServiceMs.filter((ms) => Number.isFinite(ms) && ms > 0).slice(0, Math.max(1, samples));
  if (usable.length === 0) return defaultServiceMinutes;
  return usable.reduce((sum, ms) => sum + ms, 0) / usable.length / 60_000;
}

/** Estimated wait in whole minutes (rounded up): average service time × people ahead. */
export function estimateWaitMinutes(input: WaitEstimateInput): number {
  if (input.peopleAhead <= 0) return 0;
  const average = averageServiceMinutes(input.recentServiceMs, input.samples, input.defaultServiceMinutes);
  return Math.ceil(input.peopleAhead * average - 1e-9);
}
