/**
 * A fixed-window counter per key (an address, a token): the phone page is public, so each
 * address and each token gets a bounded number of requests per window. In memory, per server
 * process; the map is bounded so a flood of distinct keys cannot grow it without end.
 */
export class PhoneLimiter {
  private readonly hits = new Map<string, { count: number; startMs: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 20_000,
  ) {}

  /** Counts one request; false when the key has used up its window. */
  take(key: string, nowMs: number): boolean {
    const entry = this.hits.get(key);
    if (!entry || nowMs - entry.startMs >= this.windowMs) {
      this.hits.delete(key);
      this.hits.set(key, { count: 1, startMs: nowMs });
      if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
      return true;
    }
    entry.count += 1;
    return entry.count <= this.max;
  }
}
