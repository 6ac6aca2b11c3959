import type { TicketStatus } from '../../../shared/domain/queue-state.ts';
import type { Db } from '../database.ts';

export interface IssuedTicket {
  id: string;
  day: string;
  serviceId: string;
  counterId: string | null;
  pinned: boolean;
  number: string;
  dayIndex: number;
  priority: string | null;
  issuedAt: string;
  ratingToken: string;
}

export interface TransferredTicket {
  id: string;
  day: string;
  serviceId: string;
  counterId: string | null;
  pinned: boolean;
  number: string;
  priority: string | null;
  issuedAt: string;
  transferredFrom: string;
  printed: boolean;
  waitsForConnection: boolean;
}

/** A ticket the server pushed (issued or moved by another kiosk), as the replica stores it. */
export interface ReplicaTicket {
  id: string;
  day: string;
  service: string;
  counter: string | null;
  pinned: number;
  origin: string;
  number: string;
  priority: string | null;
  status: TicketStatus;
  issued: string;
  called: string | null;
  officer: string | null;
  from: string | null;
  to: string | null;
}

/**
 * Every write to the kiosk's `tickets` table (issuing, the officer's actions, printing, the
 * replica of other kiosks' tickets). The queue's services call these instead of holding SQL.
 */
export interface TicketWrites {
  insertIssued(ticket: IssuedTicket): void;
  insertTransferred(ticket: TransferredTicket): void;
  insertReplica(ticket: ReplicaTicket): void;
  /** A pushed ticket moved further elsewhere; what this kiosk already knew is kept. */
  advanceReplica(ticket: ReplicaTicket): void;
  markCalled(id: string, counterId: string, calledAt: string, officerId: string, agencyId: string): void;
  markServing(id: string, startedAt: string): void;
  markDone(id: string, finishedAt: string, officerId: string, agencyId: string): void;
  markNoShow(id: string, finishedAt: string): void;
  /** An undone no-show: the call is forgotten, the issue time (its place in line) is kept. */
  markWaitingAgain(id: string): void;
  markTransferred(id: string, finishedAt: string, transferredTo: string): void;
  markCancelled(id: string, finishedAt: string): void;
  markPrinted(id: string): void;
  markWaitsForConnection(id: string): void;
  /** Marks a ticket rated from the phone; false when it was marked already. */
  markRatedElsewhere(id: string): boolean;
  /** Tickets of a service's day that took a position of its numbering (free numbering). */
  countIssued(serviceId: string, day: string): number;
}

export function prepareTicketWrites(db: Db): TicketWrites {
  const insertIssued = db.prepare<
    [string, string, string, string | null, number, string, number, string | null, string, string]
  >(
    `INSERT INTO tickets (id, day, service_id, counter_id, pinned, number, day_index, priority, status, issued_at,
                          rating_token)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?)`,
  );
  const insertTransferred = db.prepare<
    [string, string, string, string | null, number, string, string | null, string, string, number, number]
  >(
    `INSERT INTO tickets (id, day, service_id, counter_id, pinned, number, day_index, priority, status, issued_at,
                          transferred_from, printed, waits_for_connection)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, 'waiting', ?, ?, ?, ?)`,
  );
  const insertReplica = db.prepare<[ReplicaTicket]>(
    `INSERT INTO tickets (id, day, service_id, counter_id, pinned, origin_device, number, day_index, priority, status,
                          issued_at, called_at, officer_id, transferred_from, transferred_to, printed)
     VALUES (@id, @day, @service, @counter, @pinned, @origin, @number, NULL, @priority, @status, @issued, @called,
             @officer, @from, @to, 1)`,
  );
  const advanceReplica = db.prepare<[Pick<ReplicaTicket, 'id' | 'status' | 'counter' | 'called' | 'officer' | 'to'>]>(
    `UPDATE tickets SET status = @status, counter_id = @counter, called_at = coalesce(called_at, @called),
            officer_id = coalesce(officer_id, @officer), transferred_to = coalesce(transferred_to, @to)
      WHERE id = @id`,
  );
  const markCalled = db.prepare<[string, string, string, string, string]>(
    "UPDATE tickets SET status = 'called', counter_id = ?, called_at = ?, officer_id = ?, agency_id = ? WHERE id = ?",
  );
  const markServing = db.prepare<[string, string]>("UPDATE tickets SET status = 'serving', started_at = ? WHERE id = ?");
  const markDone = db.prepare<[string, string, string, string]>(
    "UPDATE tickets SET status = 'done', finished_at = ?, officer_id = ?, agency_id = ? WHERE id = ?",
  );
  const markNoShow = db.prepare<[string, string]>("UPDATE tickets SET status = 'no_show', finished_at = ? WHERE id = ?");
  const markWaitingAgain = db.prepare<[string]>(
    "UPDATE tickets SET status = 'waiting', called_at = NULL, finished_at = NULL, officer_id = NULL, agency_id = NULL WHERE id = ? AND status = 'no_show'",
  );
  const markTransferred = db.prepare<[string, string, string]>(
    "UPDATE tickets SET status = 'transferred', finished_at = ?, transferred_to = ? WHERE id = ?",
  );
  const markCancelled = db.prepare<[string, string]>(
    "UPDATE tickets SET status = 'cancelled', finished_at = ? WHERE id = ?",
  );
  const markPrinted = db.prepare<[string]>('UPDATE tickets SET printed = 1 WHERE id = ?');
  const markWaitsForConnection = db.prepare<[string]>('UPDATE tickets SET waits_for_connection = 1 WHERE id = ?');
  const markRatedElsewhere = db.prepare<[string]>(
    `INSERT INTO tickets_rated_elsewhere (ticket_id, channel) VALUES (?, 'phone') ON CONFLICT (ticket_id) DO NOTHING`,
  );
  const countIssued = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM tickets WHERE service_id = ? AND day = ? AND day_index IS NOT NULL',
  );
  return {
    insertIssued: (t) =>
      void insertIssued.run(
        t.id,
        t.day,
        t.serviceId,
        t.counterId,
        t.pinned ? 1 : 0,
        t.number,
        t.dayIndex,
        t.priority,
        t.issuedAt,
        t.ratingToken,
      ),
    insertTransferred: (t) =>
      void insertTransferred.run(
        t.id,
        t.day,
        t.serviceId,
        t.counterId,
        t.pinned ? 1 : 0,
        t.number,
        t.priority,
        t.issuedAt,
        t.transferredFrom,
        t.printed ? 1 : 0,
        t.waitsForConnection ? 1 : 0,
      ),
    insertReplica: (t) => void insertReplica.run(t),
    advanceReplica: ({ id, status, counter, called, officer, to }) =>
      void advanceReplica.run({ id, status, counter, called, officer, to }),
    markCalled: (id, counterId, calledAt, officerId, agencyId) =>
      void markCalled.run(counterId, calledAt, officerId, agencyId, id),
    markServing: (id, startedAt) => void markServing.run(startedAt, id),
    markDone: (id, finishedAt, officerId, agencyId) => void markDone.run(finishedAt, officerId, agencyId, id),
    markNoShow: (id, finishedAt) => void markNoShow.run(finishedAt, id),
    markWaitingAgain: (id) => void markWaitingAgain.run(id),
    markTransferred: (id, finishedAt, transferredTo) => void markTransferred.run(finishedAt, transferredTo, id),
    markCancelled: (id, finishedAt) => void markCancelled.run(finishedAt, id),
    markPrinted: (id) => void markPrinted.run(id),
    markWaitsForConnection: (id) => void markWaitsForConnection.run(id),
    markRatedElsewhere: (id) => markRatedElsewhere.run(id).changes > 0,
    countIssued: (serviceId, day) => countIssued.get(serviceId, day)!.n,
  };
}
