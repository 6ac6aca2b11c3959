import type { QueueState } from '../../../shared/contract/queue-channels.ts';
import type { Db } from '../database.ts';

type RatingRequest = NonNullable<QueueState['ratingRequest']>;

/**
 * The open "please rate" window per counter, kept in SQLite (migration 0004) so a kiosk that
 * restarts while a citizen is about to rate still credits the tap to the finished ticket.
 * The same get/set/delete shape as the Map it replaces.
 */
export class RatingWindows {
  private readonly selectOne;
  private readonly upsert;
  private readonly remove;

  constructor(db: Db) {
    this.selectOne = db.prepare<[string], { ticket_id: string; number: string; until: string }>(
      'SELECT ticket_id, number, until FROM rating_windows WHERE counter_id = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO rating_windows (counter_id, ticket_id, number, until) VALUES (?, ?, ?, ?)
       ON CONFLICT (counter_id) DO UPDATE SET ticket_id = excluded.ticket_id, number = excluded.number, until = excluded.until`,
    );
    this.remove = db.prepare('DELETE FROM rating_windows WHERE counter_id = ?');
  }

  get(counterId: string): RatingRequest | undefined {
    const row = this.selectOne.get(counterId);
    return row ? { ticketId: row.ticket_id, number: row.number, until: row.until } : undefined;
  }

  set(counterId: string, request: RatingRequest): void {
    this.upsert.run(counterId, request.ticketId, request.number, request.until);
  }

  delete(counterId: string): void {
    this.remove.run(counterId);
  }
}
