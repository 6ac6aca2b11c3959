import type { QueueState } from '../../../shared/contract/queue-channels.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';

type RatingRequest = NonNullable<QueueState['ratingRequest']>;

/**
 * The rating window: after a ticket is finished the citizen screen at that counter asks for a
 * rating until `until`. Kept apart so who a rating is credited to and how the window survives
 * a restart can change here alone.
 */
export class RatingWindow {
  private readonly requests = new Map<string, RatingRequest>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly now: () => Date,
    private readonly changed: () => void,
  ) {}

  open(counterId: string, ticket: { id: string; number: string }, windowMs: number): void {
    this.requests.set(counterId, {
      ticketId: ticket.id,
      number: ticket.number,
      until: toVietnamIso(new Date(this.now().getTime() + windowMs)),
    });
    if (this.timer) clearTimeout(this.timer);
    // The screens time out by themselves; this push only keeps every copy of the state honest.
    this.timer = setTimeout(() => {
      this.timer = null;
      this.changed();
    }, windowMs + 100);
    this.timer.unref();
  }

  /** The open request at a counter, or null once its window has passed. */
  live(counterId: string): RatingRequest | null {
    const request = this.requests.get(counterId);
    return request && Date.parse(request.until) > this.now().getTime() ? request : null;
  }

  /** The rating for the requested ticket arrived: the citizen screen leaves rating mode. */
  received(counterId: string, ticketId: string): void {
    if (this.requests.get(counterId)?.ticketId === ticketId) this.requests.delete(counterId);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
