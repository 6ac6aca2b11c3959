import type { QueueState } from '../../../shared/contract/queue-channels.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';
import type { Db } from '../database.ts';

type RatingRequest = NonNullable<QueueState['ratingRequest']>;

/**
 * The rating window: after a ticket is finished the citizen screen at that counter asks for a
 * rating until `until`. Kept in SQLite (kiosk migration 0004) so a kiosk that restarts while a
 * citizen is about to rate still credits the tap to the finished ticket.
 */
export class RatingWindow {
  private readonly selectOne;
  private readonly upsert;
  private readonly remove;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    db: Db,
    private readonly now: () => Date,
    private readonly changed: () => void,
  ) {
    this.selectOne = db.prepare<[string], { ticket_id: string; number: string; until: string }>(
      'SELECT ticket_id, number, until FROM rating_windows WHERE counter_id = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO rating_windows (counter_id, ticket_id, number, until) VALUES (?, ?, ?, ?)
       ON CONFLICT (counter_id) DO UPDATE SET ticket_id = excluded.ticket_id, number = excluded.number, until = excluded.until`,
    );
    this.remove = db.prepare('DELETE FROM rating_windows WHERE counter_id = ?');
  }

  open(counterId: string, ticket: { id: string; number: string }, windowMs: number): void {
    this.upsert.run(counterId, ticket.id, ticket.number, toVietnamIso(new Date(this.now().getTime() + windowMs)));
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
    const row = this.selectOne.get(counterId);
    if (!row || Date.parse(row.until) <= this.now().getTime()) return null;
    return { ticketId: row.ticket_id, number: row.number, until: row.until };
  }

  /** The rating for the requested ticket arrived: the citizen screen leaves rating mode. */
  received(counterId: string, ticketId: string): void {
    if (this.selectOne.get(counterId)?.ticket_id === ticketId) this.remove.run(counterId);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
