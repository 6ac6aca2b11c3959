import type { QueueState } from '../../../shared/contract/queue-channels.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';
import type { Db } from '../database.ts';
import { openKioskData } from '../data/index.ts';
import type { RatingWindowsData } from '../data/rating-windows.ts';

type RatingRequest = NonNullable<QueueState['ratingRequest']>;

/**
 * The rating window: after a ticket is finished the citizen screen at that counter asks for a
 * rating until `until`. Kept in SQLite (kiosk migration 0004) so a kiosk that restarts while a
 * citizen is about to rate still credits the tap to the finished ticket. A window that passes
 * unanswered, even while the kiosk was off, is reported once through `expired`, so the funnel
 * records it as timed out; the dossier code entered at the finish waits here for the rating.
 */
export class RatingWindow {
  private readonly windows: RatingWindowsData;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
    private readonly changed: () => void,
    private readonly expired: (counterId: string, ticketId: string) => void = () => undefined,
  ) {
    this.windows = openKioskData(db).ratingWindows;
  }

  open(
    counterId: string,
    ticket: { id: string; number: string; dossierCode?: string | undefined },
    windowMs: number,
  ): void {
    this.windows.put(counterId, {
      ticket_id: ticket.id,
      number: ticket.number,
      until: toVietnamIso(new Date(this.now().getTime() + windowMs)),
      dossier_code: ticket.dossierCode ?? null,
    });
    this.schedule();
  }

  /** The open request at a counter, or null once its window has passed. */
  live(counterId: string): RatingRequest | null {
    const row = this.windows.at(counterId);
    if (!row || Date.parse(row.until) <= this.now().getTime()) return null;
    return { ticketId: row.ticket_id, number: row.number, until: row.until };
  }

  /** The dossier code the officer entered for the ticket now being rated at this counter. */
  dossierCode(counterId: string, ticketId: string): string | undefined {
    const row = this.windows.at(counterId);
    return row?.ticket_id === ticketId ? (row.dossier_code ?? undefined) : undefined;
  }

  /** The rating for the requested ticket arrived (or the citizen declined): the screen leaves rating mode. */
  received(counterId: string, ticketId: string): boolean {
    if (this.windows.at(counterId)?.ticket_id !== ticketId) return false;
    this.windows.remove(counterId);
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
      for (const row of this.windows.all()) {
        if (Date.parse(row.until) > nowMs) continue;
        this.windows.remove(row.counter_id);
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
    const untils = this.windows.untils().map((until) => Date.parse(until));
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
