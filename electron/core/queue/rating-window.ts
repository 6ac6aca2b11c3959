import type { QueueState } from '../../../shared/contract/queue-channels.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';

type RatingRequest = NonNullable<QueueState['ratingRequest']>;

/**
 * The rating window: after a ticket is finished the citizen screen at that counter asks for a
 * rating until `until`. Kept apart so who a rating is credited to and how the window survives
 * a restart can change here alone. A window that passes unanswered is reported once through
 * `expired`, so the funnel records it as timed out.
 */
export class RatingWindow {
  private readonly requests = new Map<string, RatingRequest & { dossierCode?: string }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly now: () => Date,
    private readonly changed: () => void,
    private readonly expired: (counterId: string, ticketId: string) => void = () => undefined,
  ) {}

  open(counterId: string, ticket: { id: string; number: string; dossierCode?: string }, windowMs: number): void {
    this.requests.set(counterId, {
      ticketId: ticket.id,
      number: ticket.number,
      until: toVietnamIso(new Date(this.now().getTime() + windowMs)),
      ...(ticket.dossierCode !== undefined && { dossierCode: ticket.dossierCode }),
    });
    this.clearTimer(counterId);
    // The screens time out by themselves; this timer records the outcome and keeps every copy of the state honest.
    const timer = setTimeout(() => {
      this.timers.delete(counterId);
      this.expire(counterId);
    }, windowMs + 100);
    timer.unref();
    this.timers.set(counterId, timer);
  }

  /** The open request at a counter, or null once its window has passed. */
  live(counterId: string): RatingRequest | null {
    const request = this.requests.get(counterId);
    if (!request || Date.parse(request.until) <= this.now().getTime()) return null;
    return { ticketId: request.ticketId, number: request.number, until: request.until };
  }

  /** The dossier code the officer entered for the ticket now being rated at this counter. */
  dossierCode(counterId: string, ticketId: string): string | undefined {
    const request = this.requests.get(counterId);
    return request?.ticketId === ticketId ? request.dossierCode : undefined;
  }

  /** The rating for the requested ticket arrived (or the citizen declined): the screen leaves rating mode. */
  received(counterId: string, ticketId: string): boolean {
    if (this.requests.get(counterId)?.ticketId !== ticketId) return false;
    this.requests.delete(counterId);
    this.clearTimer(counterId);
    return true;
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private expire(counterId: string): void {
    const request = this.requests.get(counterId);
    if (request && Date.parse(request.until) <= this.now().getTime()) {
      this.requests.delete(counterId);
      this.expired(counterId, request.ticketId);
    }
    this.changed();
  }

  private clearTimer(counterId: string): void {
    const timer = this.timers.get(counterId);
    if (timer) clearTimeout(timer);
    this.timers.delete(counterId);
  }
}
