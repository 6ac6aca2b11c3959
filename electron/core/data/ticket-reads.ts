import type { TicketStatus } from '../../../shared/domain/queue-state.ts';
import type { Db } from '../database.ts';

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

/** Reads of the kiosk's `tickets` table. */
export interface TicketReads {
  ticket(id: string): TicketRow | null;
  /** The ticket most recently called at this counter, whatever happened to it since. */
  lastCalled(counterId: string): TicketRow | null;
  /** The counter's called or serving ticket. */
  open(counterId: string): TicketRow | null;
  /** A counter's queue: tickets pinned to it, and unpinned tickets of every service it serves, by seq. */
  waiting(counterId: string, day: string): TicketRow[];
  servedToday(counterId: string, day: string): number;
  /** The counter's latest finished services, newest first. */
  recentServices(counterId: string, samples: number): { started_at: string; finished_at: string }[];
  /** The priority (or null) of each ticket called at the counter that day, newest call first, read lazily. */
  callPriorities(counterId: string, day: string): IterableIterator<string | null>;
}

export function prepareTicketReads(db: Db): TicketReads {
  const selectTicket = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?');
  const selectLastCalled = db.prepare<[string], TicketRow>(
    'SELECT * FROM tickets WHERE counter_id = ? AND called_at IS NOT NULL ORDER BY called_at DESC, seq DESC LIMIT 1',
  );
  const selectOpen = db.prepare<[string], TicketRow>(
    "SELECT * FROM tickets WHERE counter_id = ? AND status IN ('called', 'serving') ORDER BY called_at DESC LIMIT 1",
  );
  const selectWaiting = db.prepare<[string, string, string], TicketRow>(
    `SELECT * FROM tickets WHERE status = 'waiting' AND day = ? AND (
       (pinned = 1 AND counter_id = ?) OR
       (pinned = 0 AND service_id IN (SELECT service_id FROM queue_service_counters WHERE counter_id = ?)))
      ORDER BY seq`,
  );
  const countServed = db.prepare<[string, string], { n: number }>(
    "SELECT count(*) AS n FROM tickets WHERE counter_id = ? AND day = ? AND status = 'done'",
  );
  const selectRecent = db.prepare<[string, number], { started_at: string; finished_at: string }>(
    `SELECT started_at, finished_at FROM tickets WHERE counter_id = ? AND status = 'done'
      ORDER BY finished_at DESC LIMIT ?`,
  );
  const selectCallPriorities = db.prepare<[string, string], { priority: string | null }>(
    `SELECT priority FROM tickets WHERE counter_id = ? AND day = ? AND called_at IS NOT NULL
      ORDER BY called_at DESC, seq DESC`,
  );
  return {
    ticket: (id) => selectTicket.get(id) ?? null,
    lastCalled: (counterId) => selectLastCalled.get(counterId) ?? null,
    open: (counterId) => selectOpen.get(counterId) ?? null,
    waiting: (counterId, day) => selectWaiting.all(day, counterId, counterId),
    servedToday: (counterId, day) => countServed.get(counterId, day)!.n,
    recentServices: (counterId, samples) => selectRecent.all(counterId, samples),
    callPriorities: function* (counterId, day) {
      for (const row of selectCallPriorities.iterate(counterId, day)) yield row.priority;
    },
  };
}
