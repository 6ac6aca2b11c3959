import { SYNC_MAX_BYTES, SYNC_MAX_EVENTS } from '../../../shared/contract/sync-protocol.ts';
import type { KioskEvent } from '../../../shared/domain/events.ts';

/** Room left in a 1 MB request for the envelope (deviceTime, configVersion, brackets). */
const ENVELOPE_BYTES = 4 * 1024;

const encoder = new TextEncoder();

/**
 * The longest prefix of `events` (already in seq order) that fits one request: at most
 * `maxEvents` events and `maxBytes` of JSON. The first event always goes, so an oversize event
 * is sent alone and the server's rejection marks it instead of blocking the outbox forever.
 */
export function takeBatch(
  events: readonly KioskEvent[],
  maxEvents = SYNC_MAX_EVENTS,
  maxBytes = SYNC_MAX_BYTES - ENVELOPE_BYTES,
): KioskEvent[] {
  const batch: KioskEvent[] = [];
  let bytes = 2;
  for (const event of events) {
    if (batch.length >= maxEvents) break;
    const size = encoder.encode(JSON.stringify(event)).length + 1;
    if (batch.length > 0 && bytes + size > maxBytes) break;
    batch.push(event);
    bytes += size;
  }
  return batch;
}
