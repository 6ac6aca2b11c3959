/** First wait after a lost board stream, and the longest: a TV retries for ever, never faster than this. */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 30_000;

/**
 * Wait before reconnect attempt `attempt` (0 = first): doubling up to MAX_RETRY_MS, with up to
 * a quarter of jitter so many TVs do not come back in the same instant after a restart.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(attempt, 16));
  return Math.round(base * (0.75 + random() * 0.25));
}
