import type Database from 'better-sqlite3';
import type { Db } from '../database.ts';

/**
 * Every write to the kiosk's `tickets` table, prepared once per connection (issue 12 §3): the
 * reason is in database.ts `cachedStatement`. The queue's services (issuing, the officer's
 * actions, printing) call these instead of preparing SQL of their own.
 */
export interface TicketWrites {
  insertIssued: Database.Statement<
    [
      id: string,
      day: string,
      serviceId: string,
      counterId: string | null,
      pinned: number,
      number: string,
      dayIndex: number,
      priority: string | null,
      issuedAt: string,
      ratingToken: string,
    ]
  >;
  insertTransferred: Database.Statement<
    [
      id: string,
      day: string,
      serviceId: string,
      counterId: string | null,
      pinned: number,
      number: string,
      priority: string | null,
      issuedAt: string,
      transferredFrom: string,
      printed: number,
      waitsForConnection: number,
    ]
  >;
  markCalled: Database.Statement<
    [counterId: string, calledAt: string, officerId: string, agencyId: string, id: string]
  >;
  markServing: Database.Statement<[startedAt: string, id: string]>;
  markDone: Database.Statement<[finishedAt: string, officerId: string, agencyId: string, id: string]>;
  markNoShow: Database.Statement<[finishedAt: string, id: string]>;
  markWaitingAgain: Database.Statement<[id: string]>;
  markTransferred: Database.Statement<[finishedAt: string, transferredTo: string, id: string]>;
  markCancelled: Database.Statement<[finishedAt: string, id: string]>;
  markPrinted: Database.Statement<[id: string]>;
  markWaitsForConnection: Database.Statement<[id: string]>;
  countIssued: Database.Statement<[serviceId: string, day: string], { n: number }>;
}

const byConnection = new WeakMap<Db, TicketWrites>();

/** The ticket statements of one connection, prepared on first use. */
export function ticketWrites(db: Db): TicketWrites {
  let writes = byConnection.get(db);
  if (!writes) byConnection.set(db, (writes = prepare(db)));
  return writes;
}

function prepare(db: Db): TicketWrites {
  return {
    insertIssued: db.prepare(
      `INSERT INTO tickets (id, day, service_id, counter_id, pinned, number, day_index, priority, status, issued_at,
                            rating_token)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?)`,
    ),
    insertTransferred: db.prepare(
      `INSERT INTO tickets (id, day, service_id, counter_id, pinned, number, day_index, priority, status, issued_at,
                            transferred_from, printed, waits_for_connection)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'waiting', ?, ?, ?, ?)`,
    ),
    markCalled: db.prepare(
      "UPDATE tickets SET status = 'called', counter_id = ?, called_at = ?, officer_id = ?, agency_id = ? WHERE id = ?",
    ),
    markServing: db.prepare("UPDATE tickets SET status = 'serving', started_at = ? WHERE id = ?"),
    markDone: db.prepare(
      "UPDATE tickets SET status = 'done', finished_at = ?, officer_id = ?, agency_id = ? WHERE id = ?",
    ),
    markNoShow: db.prepare("UPDATE tickets SET status = 'no_show', finished_at = ? WHERE id = ?"),
    // An undone no-show: the call is forgotten, the issue time (its place in line) is kept.
    markWaitingAgain: db.prepare(
      "UPDATE tickets SET status = 'waiting', called_at = NULL, finished_at = NULL, officer_id = NULL, agency_id = NULL WHERE id = ? AND status = 'no_show'",
    ),
    markTransferred: db.prepare(
      "UPDATE tickets SET status = 'transferred', finished_at = ?, transferred_to = ? WHERE id = ?",
    ),
    markCancelled: db.prepare("UPDATE tickets SET status = 'cancelled', finished_at = ? WHERE id = ?"),
    markPrinted: db.prepare('UPDATE tickets SET printed = 1 WHERE id = ?'),
    markWaitsForConnection: db.prepare('UPDATE tickets SET waits_for_connection = 1 WHERE id = ?'),
    countIssued: db.prepare('SELECT count(*) AS n FROM tickets WHERE service_id = ? AND day = ? AND day_index IS NOT NULL'),
  };
}
