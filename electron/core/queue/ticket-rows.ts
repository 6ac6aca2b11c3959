import { callOrder, pickNext } from '../../../shared/domain/queue-order.ts';
import type { TicketStatus } from '../../../shared/domain/queue-state.ts';
import type { Db } from '../database.ts';
import type { QueueStore } from './queue-store.ts';

export interface TicketRow {
  seq: number;
  id: string;
  day: string;
  service_id: string;
  /** The counter whose queue the ticket is in; NULL for an unpinned ticket nobody has called yet. */
  counter_id: string | null;
  pinned: number;
  /** NULL: written by this kiosk; otherwise the issuing device of a replica pushed by the server. */
  origin_device: string | null;
  number: string;
  day_index: number | null;
  priority: string | null;
  status: TicketStatus;
  issued_at: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  officer_id: string | null;
  agency_id: string | null;
  transferred_from: string | null;
  transferred_to: string | null;
  printed: number;
  waits_for_connection: number;
  /** The phone-rating token (kiosk migration 0006); NULL on replicas and older tickets. */
  rating_token: string | null;
}

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
  private readonly selectTicket;
  private readonly selectOpen;
  private readonly selectWaiting;
  private readonly selectLastCalled;

  constructor(
    private readonly db: Db,
    private readonly store: QueueStore,
  ) {
    this.selectTicket = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?');
    this.selectLastCalled = db.prepare<[string], TicketRow>(
      'SELECT * FROM tickets WHERE counter_id = ? AND called_at IS NOT NULL ORDER BY called_at DESC, seq DESC LIMIT 1',
    );
    this.selectOpen = db.prepare<[string], TicketRow>(
      "SELECT * FROM tickets WHERE counter_id = ? AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1",
    );
    // A counter's queue: tickets pinned to it, and unpinned tickets of every service it serves.
    this.selectWaiting = db.prepare<[string, string, string], TicketRow>(
      `SELECT * FROM tickets WHERE status = 'waiting' AND day = ? AND (
         (pinned = 1 AND counter_id = ?) OR
         (pinned = 0 AND service_id IN (SELECT service_id FROM queue_service_counters WHERE counter_id = ?)))
        ORDER BY seq`,
    );
  }

  ticket(id: string): TicketRow | null {
    return this.selectTicket.get(id) ?? null;
  }

  /** The ticket most recently called at this counter, whatever happened to it since. */
  lastCalled(counterId: string): TicketRow | null {
    return this.selectLastCalled.get(counterId) ?? null;
  }

  open(counterId: string): TicketRow | null {
    return this.selectOpen.get(counterId) ?? null;
  }

  waiting(counterId: string, day: string): TicketRow[] {
    return this.selectWaiting.all(day, counterId, counterId);
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
    return this.db
      .prepare<[string, string], { n: number }>(
        "SELECT count(*) AS n FROM tickets WHERE counter_id = ? AND day = ? AND status = 'done'",
      )
      .get(counterId, day)!.n;
  }

  recentServiceMs(counterId: string, samples: number): number[] {
    return this.db
      .prepare<[string, number], { started_at: string; finished_at: string }>(
        `SELECT started_at, finished_at FROM tickets WHERE counter_id = ? AND status = 'done'
          ORDER BY finished_at DESC LIMIT ?`,
      )
      .all(counterId, samples)
      .map((r) => Date.parse(r.finished_at) - Date.parse(r.started_at));
  }

  /** Normal tickets called at the counter today since the last priority one (Infinity if none). */
  private normalsSinceLastPriority(counterId: string, day: string): number {
    const rows = this.db
      .prepare<[string, string], { priority: string | null }>(
        `SELECT priority FROM tickets WHERE counter_id = ? AND day = ? AND called_at IS NOT NULL
          ORDER BY called_at DESC, seq DESC`,
      )
      .iterate(counterId, day);
    let normals = 0;
    for (const row of rows) {
      if (row.priority !== null) return normals;
      normals += 1;
    }
    return Number.POSITIVE_INFINITY;
  }

  private orderable(rows: TicketRow[]): Orderable[] {
    return rows.map((row) => ({ row, issuedAt: row.issued_at, seq: row.seq, priority: row.priority !== null }));
  }
}
