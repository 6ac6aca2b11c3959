import { describe, expect, it } from 'vitest';
import { takeBatch } from '../../../electron/core/sync/batch.ts';
import { SYNC_MAX_BYTES, SYNC_MAX_EVENTS } from '../../../shared/contract/sync-protocol.ts';
import type { KioskEvent } from '../../../shared/domain/events.ts';

function rating(seq: number, padding = 0): KioskEvent {
  return {
    id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    seq,
    type: 'rating.submitted',
    occurredAt: '2026-11-28T09:00:00.000+07:00',
    officerId: 'cb-001',
    agencyId: 'so-tu-phap',
    counterId: 'q-1',
    level: 'tot',
    // Padding makes events large enough to hit the byte limit before the count limit.
    ...(padding > 0 ? { reasons: Array.from({ length: 10 }, () => 'x'.repeat(padding)) } : {}),
  };
}

const bytesOf = (events: KioskEvent[]) => new TextEncoder().encode(JSON.stringify(events)).length;

describe('takeBatch', () => {
  it('takes at most 500 events, oldest first', () => {
    const events = Array.from({ length: 1200 }, (_, i) => rating(i + 1));
    const batch = takeBatch(events);
    expect(batch).toHaveLength(SYNC_MAX_EVENTS);
    expect(batch.map((e) => e.seq)).toEqual(events.slice(0, 500).map((e) => e.seq));
  });

  it('stops before 1 MB of JSON even when under 500 events', () => {
    const events = Array.from({ length: 500 }, (_, i) => rating(i + 1, 300));
    expect(bytesOf(events)).toBeGreaterThan(SYNC_MAX_BYTES);
    const batch = takeBatch(events);
    expect(batch.length).toBeLessThan(500);
    expect(batch.length).toBeGreaterThan(0);
    expect(bytesOf(batch)).toBeLessThanOrEqual(SYNC_MAX_BYTES - 4096);
    // The next event would not have fitted.
    expect(bytesOf(events.slice(0, batch.length + 1))).toBeGreaterThan(SYNC_MAX_BYTES - 4096);
  });

  it('sends an oversize event alone rather than blocking the outbox', () => {
    const events = [rating(1, 300), rating(2)];
    expect(takeBatch(events, 500, 1000)).toEqual([events[0]]);
  });

  it('returns nothing for an empty outbox', () => {
    expect(takeBatch([])).toEqual([]);
  });
});
