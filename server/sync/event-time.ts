import { CLOCK_OFFSET_WARN_MS } from '../../shared/contract/sync-protocol.ts';

/**
 * Where an event lands on the server's time line (issue 9, items 1 and 9; docs/security.md).
 *
 * - A kiosk whose clock is off by more than CLOCK_OFFSET_WARN_MS at the sync that delivers an
 *   event has that event moved by the offset measured at that sync (deviceTime − serverTime),
 *   so a kiosk 3 days ahead or reset to 2000 files its ratings on the day they were given. The
 *   original instant stays in `events.occurred_at` and `events.body`; the correction is stored
 *   beside the event and the rating and counted on the device for the Kiosks page.
 * - An event recorded before the clock went wrong is still plausible as written while its
 *   corrected instant would lie in the future: it keeps its own time.
 * - Whatever is used must lie within PLAUSIBLE_AGE_MS before receipt and no later than the
 *   clock tolerance after it, or the event is refused by reason (the rest of the batch is kept).
 */
export const PLAUSIBLE_AGE_DAYS = 400;
export const PLAUSIBLE_AGE_MS = PLAUSIBLE_AGE_DAYS * 24 * 60 * 60_000;
export const FUTURE_TOLERANCE_MS = CLOCK_OFFSET_WARN_MS;

export type Placement = { ms: number; correctionMs: number } | { error: string };

function plausible(ms: number, receivedMs: number): boolean {
  return ms >= receivedMs - PLAUSIBLE_AGE_MS && ms <= receivedMs + FUTURE_TOLERANCE_MS;
}

/** The instant to file an event at, given the device clock offset measured at this sync (if any). */
export function placeEvent(deviceMs: number, receivedMs: number, clockOffsetMs: number | undefined): Placement {
  const offset = clockOffsetMs !== undefined && Math.abs(clockOffsetMs) > CLOCK_OFFSET_WARN_MS ? clockOffsetMs : 0;
  if (offset !== 0) {
    const corrected = deviceMs - offset;
    if (plausible(corrected, receivedMs)) return { ms: corrected, correctionMs: -offset };
  }
  if (plausible(deviceMs, receivedMs)) return { ms: deviceMs, correctionMs: 0 };
  return deviceMs > receivedMs
    ? { error: 'Thời điểm của sự kiện ở tương lai so với đồng hồ máy chủ (kể cả khi đã chỉnh theo độ lệch của kiosk).' }
    : { error: `Sự kiện cũ hơn ${PLAUSIBLE_AGE_DAYS} ngày so với lúc máy chủ nhận; không thể ghi vào báo cáo.` };
}
