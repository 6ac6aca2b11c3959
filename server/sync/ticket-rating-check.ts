import type { KioskEvent } from '../../shared/domain/events.ts';
import { RATING_WINDOW_MAX_SECONDS } from '../../shared/domain/queue-config.ts';

/** What the server knows of a ticket's finish: who served it and when (the kiosk's clock). */
export interface FinishedTicket {
  officerId: string;
  finishedMs: number;
}

/** A rating that names a ticket, as the check needs it. */
export interface TicketRating {
  ticketId: string;
  officerId: string;
  occurredMs: number;
}

/**
 * How late after the finish a ticket rating may be stamped: the longest window a centre can
 * configure, plus a minute for a slow screen. Finish and rating come from the same kiosk's
 * clock, so a wrong clock does not move one against the other.
 */
export const TICKET_RATING_LATEST_MS = (RATING_WINDOW_MAX_SECONDS + 60) * 1000;

/**
 * Why a ticket's rating must be refused, or null. A rating on a ticket belongs to the officer
 * who finished (served) it and is given within the rating window; a device token cannot move
 * ratings between officers nor rate tickets finished long ago. A ticket the server has not seen
 * finished (its event was refused, or predates the server) is accepted: nothing contradicts it;
 * so is one stamped before the finish (the kiosk's clock was stepped back between the two).
 */
export function ticketRatingRefusal(rating: TicketRating, finished: FinishedTicket | undefined): string | null {
  if (!finished) return null;
  if (finished.officerId !== rating.officerId) {
    return `Đánh giá phiếu ${rating.ticketId} ghi cho cán bộ ${rating.officerId}, nhưng phiếu do cán bộ ${finished.officerId} phục vụ; đánh giá không được ghi nhận.`;
  }
  const lateMs = rating.occurredMs - finished.finishedMs;
  if (lateMs > TICKET_RATING_LATEST_MS) {
    return `Đánh giá phiếu ${rating.ticketId} được gửi ${Math.round(lateMs / 60_000)} phút sau khi phục vụ xong, quá thời gian cho phép đánh giá; đánh giá không được ghi nhận.`;
  }
  return null;
}

/**
 * The finish of each ticket named by a rating: from the server's projection, or from a
 * `ticket.finished` event of the same batch (the kiosk sends the finish before the rating).
 * `servedBefore`: tickets_served as the batch's transaction read it (tickets-before.ts).
 */
export function finishedTickets(
  servedBefore: ReadonlyMap<string, FinishedTicket>,
  ticketIds: ReadonlySet<string>,
  batch: readonly { event: KioskEvent; ms: number }[],
): Map<string, FinishedTicket> {
  const found = new Map<string, FinishedTicket>();
  for (const id of ticketIds) {
    const served = servedBefore.get(id);
    if (served) found.set(id, { officerId: served.officerId, finishedMs: served.finishedMs });
  }
  for (const { event, ms } of batch) {
    if (event.type === 'ticket.finished' && ticketIds.has(event.ticketId) && !found.has(event.ticketId)) {
      found.set(event.ticketId, { officerId: event.officerId, finishedMs: ms });
    }
  }
  return found;
}
