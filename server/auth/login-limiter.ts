/**
 * Failed logins per (username, address): after `max` failures within `windowMs` further
 * attempts are refused until the window passes, so a password cannot be guessed online.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; firstMs: number }>();

  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private key(username: string, ip: string): string {
    return `${username.toLowerCase()}\u0000${ip}`;
  }

  /** Milliseconds until another attempt is allowed, or 0. */
  blockedFor(username: string, ip: string, nowMs: number): number {
    const entry = this.failures.get(this.key(username, ip));
    if (!entry) return 0;
    if (nowMs - entry.firstMs >= this.windowMs) {
      this.failures.delete(this.key(username, ip));
      return 0;
    }
    return entry.count >= this.max ? entry.firstMs + this.windowMs - nowMs : 0;
  }

  fail(username: string, ip: string, nowMs: number): void {
    const key = this.key(username, ip);
    const entry = this.failures.get(key);
    if (!entry || nowMs - entry.firstMs >= this.windowMs) this.failures.set(key, { count: 1, firstMs: nowMs });
    else entry.count += 1;
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(username: string, ip: string): void {
    this.failures.delete(this.key(username, ip));
  }
}
