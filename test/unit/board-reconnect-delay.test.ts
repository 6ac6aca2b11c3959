import { describe, expect, it } from 'vitest';
import { MAX_RETRY_MS, reconnectDelayMs } from '../../renderer/board/src/reconnect-delay.ts';

describe('board reconnect delay', () => {
  it('grows from about a second and stays bounded however long the server is away', () => {
    const top = () => 1;
    expect(reconnectDelayMs(0, top)).toBe(1_000);
    expect(reconnectDelayMs(1, top)).toBe(2_000);
    expect(reconnectDelayMs(4, top)).toBe(16_000);
    // A TV left on for a week keeps trying, never slower than the cap.
    for (const attempt of [5, 50, 10_000]) expect(reconnectDelayMs(attempt, top)).toBe(MAX_RETRY_MS);
  });

  it('spreads TVs with jitter but never below three quarters of the step', () => {
    expect(reconnectDelayMs(3, () => 0)).toBe(6_000);
    expect(reconnectDelayMs(3, () => 0.5)).toBe(7_000);
  });
});
