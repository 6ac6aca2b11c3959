import { callOrder, pickNext } from '../../../shared/domain/queue-order.ts';
import type { Db } from '../database.ts';
import { openKioskData } from '../data/index.ts';
import type { TicketReads, TicketRow } from '../data/ticket-reads.ts';
import type { QueueStore } from './queue-store.ts';

export type { TicketRow };

interface Orderable {
  row: TicketRow;
  issuedAt: string;
  seq: number;
  priority: boolean;
}

/** The counter a ticket is pinned to, or null (the routing rules of shared/domain/queue-routing.ts). */
export function pinnedCounter(row: Pick<TicketRow, 'pinned' | 'counter_id'>): string | null {
  return row.pinned === 1 ? row.counter_id : null;
}

/** Reads the kiosk's tickets table: one ticket, a counter's open ticket, its waiting queue in call order. */
export class TicketRows {
  private readonly reads: TicketReads;

  constructor(
    db: Db,
    private readonly store: QueueStore,
  ) {
    this.reads = openKioskData(db).ticketReads;
  }

  ticket(id: string): TicketRow | null {
    return this.reads.ticket(id);
  }

  /** The ticket most recently called at this counter, whatever happened to it since. */
  lastCalled(counterId: string): TicketRow | null {
    return this.reads.lastCalled(counterId);
  }

  open(counterId: string): TicketRow | null {
    return this.reads.open(counterId);
  }

  waiting(counterId: string, day: string): TicketRow[] {
    return this.reads.waiting(counterId, day);
  }

  /** The waiting tickets of a counter in the order they will be called. */
  callOrder(counterId: string, day: string, exclude: ReadonlySet<string> = new Set()): TicketRow[] {
    return callOrder(
      this.orderable(this.waiting(counterId, day).filter((r) => !exclude.has(r.id))),
      this.store.options().ordering,
      this.normalsSinceLastPriority(counterId, day),
    ).map((o) => o.row);
  }

  /** The ticket "Gọi số tiếp theo" takes among those `allowed`, or null. */
  next(counterId: string, day: string, allowed: (row: TicketRow) => boolean): TicketRow | null {
    const next = pickNext(
      this.orderable(this.waiting(counterId, day).filter(allowed)),
      this.store.options().ordering,
      this.normalsSinceLastPriority(counterId, day),
    );
    return next?.row ?? null;
  }

  servedToday(counterId: string, day: string): number {
    return this.reads.servedToday(counterId, day);
  }

  recentServiceMs(counterId: string, samples: number): number[] {
    return this.reads
      .recentServices(counterId, samples)
      .map((r) => Date.parse(r.finished_at) - Date.parse(r.started_at));
  }

  /** Normal tickets called at the counter today since the last priority one (Infinity if none). */
  private normalsSinceLastPriority(counterId: string, day: string): number {
    let normals = 0;
    for (const priority of this.reads.callPriorities(counterId, day)) {
      if (priority !== null) return normals;
      normals += 1;
    }
    return Number.POSITIVE_INFINITY;
  }

  private orderable(rows: TicketRow[]): Orderable[] {
    return rows.map((row) => ({ row, issuedAt: row.issued_at, seq: row.seq, priority: row.priority !== null }));
  }
}
