import type { QueueState } from '../../../shared/contract/queue-channels.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';
import type { Db } from '../database.ts';

type RatingRequest = NonNullable<QueueState['ratingRequest']>;

/**
 * The rating window: after a ticket is finished the citizen screen at that counter asks for a
 * rating until `until`. Kept in SQLite (kiosk migration 0004) so a kiosk that restarts while a
 * citizen is about to rate still credits the tap to the finished ticket. A window that passes
 * unanswered, even while the kiosk was off, is reported once through `expired`, so the funnel
 * records it as timed out; the dossier code entered at the finish waits here for the rating.
 */
export class RatingWindow {
  private readonly selectOne;
  private readonly upsert;
  private readonly remove;
  private readonly selectDue;
  private readonly selectNext;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly changed: () => void,
    private readonly expired: (counterId: string, ticketId: string) => void = () => undefined,
  ) {
    this.selectOne = db.prepare<
      [string],
      { ticket_id: string; number: string; until: string; dossier_code: string | null }
    >('SELECT ticket_id, number, until, dossier_code FROM rating_windows WHERE counter_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO rating_windows (counter_id, ticket_id, number, until, dossier_code) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (counter_id) DO UPDATE SET ticket_id = excluded.ticket_id, number = excluded.number,
         until = excluded.until, dossier_code = excluded.dossier_code`,
    );
    this.remove = db.prepare('DELETE FROM rating_windows WHERE counter_id = ?');
    this.selectDue = db.prepare<[], { counter_id: string; ticket_id: string; until: string }>(
      'SELECT counter_id, ticket_id, until FROM rating_windows',
    );
    this.selectNext = db.prepare<[], { until: string }>('SELECT until FROM rating_windows');
  }

  open(
    counterId: string,
    ticket: { id: string; number: string; dossierCode?: string | undefined },
    windowMs: number,
  ): void {
    this.upsert.run(
      counterId,
      ticket.id,
      ticket.number,
      toVietnamIso(new Date(this.now().getTime() + windowMs)),
      ticket.dossierCode ?? null,
    );
    this.schedule();
  }

  /** The open request at a counter, or null once its window has passed. */
  live(counterId: string): RatingRequest | null {
    const row = this.selectOne.get(counterId);
    if (!row || Date.parse(row.until) <= this.now().getTime()) return null;
    return { ticketId: row.ticket_id, number: row.number, until: row.until };
  }

  /** The dossier code the officer entered for the ticket now being rated at this counter. */
  dossierCode(counterId: string, ticketId: string): string | undefined {
    const row = this.selectOne.get(counterId);
    return row?.ticket_id === ticketId ? (row.dossier_code ?? undefined) : undefined;
  }

  /** The rating for the requested ticket arrived (or the citizen declined): the screen leaves rating mode. */
  received(counterId: string, ticketId: string): boolean {
    if (this.selectOne.get(counterId)?.ticket_id !== ticketId) return false;
    this.remove.run(counterId);
    return true;
  }

  /**
   * Ends every window that has passed: each is removed and reported once. Run by the timer and
   * at start-up (windows that passed while the kiosk was off). Returns how many ended.
   */
  expireDue(): number {
    const nowMs = this.now().getTime();
    let ended = 0;
    this.db.transaction(() => {
      for (const row of this.selectDue.all()) {
        if (Date.parse(row.until) > nowMs) continue;
        this.remove.run(row.counter_id);
        this.expired(row.counter_id, row.ticket_id);
        ended += 1;
      }
    })();
    this.schedule();
    return ended;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One timer, set for the earliest open window. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const untils = this.selectNext.all().map((r) => Date.parse(r.until));
    if (untils.length === 0) return;
    const delay = Math.max(0, Math.min(...untils) - this.now().getTime()) + 100;
    // The screens time out by themselves; this timer records the outcome and keeps every copy of the state honest.
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.expireDue() > 0) this.changed();
    }, delay);
    this.timer.unref();
  }
}
