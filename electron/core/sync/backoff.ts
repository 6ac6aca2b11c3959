/** Retry timing for the sync client: exponential backoff with full jitter. */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * The wait before retry number `attempt` (0 for the first retry): a uniformly random time
 * between 0 and min(cap, base·2^attempt). Full jitter spreads a centre's kiosks apart when
 * the server comes back, instead of having them all knock at the same instant.
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  baseMs = BACKOFF_BASE_MS,
  capMs = BACKOFF_CAP_MS,
): number {
  // 2^attempt overflows to Infinity for large attempts; min() keeps it at the cap.
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}
