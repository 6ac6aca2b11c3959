import type { QueueTicketSnapshot } from '../../../shared/contract/queue-sync.ts';
import type { TicketStatus } from '../../../shared/domain/queue-state.ts';
import type { Db } from '../database.ts';
import type { TicketRow } from './ticket-rows.ts';
import { ticketWrites } from '../data/ticket-writes.ts';

/** How far along a ticket is; a pushed snapshot never moves a local ticket backwards. */
const RANK: Record<TicketStatus, number> = {
  waiting: 0,
  called: 1,
  serving: 2,
  done: 3,
  no_show: 3,
  transferred: 3,
  cancelled: 3,
};

/**
 * Applies the queue changes the server pushes (made by other kiosks) to the local tickets
 * table, a replica of the part of the centre's queue this counter serves. Idempotent: a change
 * applied twice, or older than what this kiosk already knows, changes nothing.
 */
export class TicketReplica {
  private readonly select;
  private readonly insert;
  private readonly advance;
  private readonly ratedElsewhere;
  private readonly reopen;

  constructor(private readonly db: Db) {
    this.select = db.prepare<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?');
    this.insert = db.prepare(
      `INSERT INTO tickets (id, day, service_id, counter_id, pinned, origin_device, number, day_index, priority, status,
                            issued_at, called_at, officer_id, transferred_from, transferred_to, printed)
       VALUES (@id, @day, @service, @counter, @pinned, @origin, @number, NULL, @priority, @status, @issued, @called,
               @officer, @from, @to, 1)`,
    );
    this.advance = db.prepare(
      `UPDATE tickets SET status = @status, counter_id = @counter, called_at = coalesce(called_at, @called),
              officer_id = coalesce(officer_id, @officer), transferred_to = coalesce(transferred_to, @to)
        WHERE id = @id`,
    );
    this.reopen = ticketWrites(db).markWaitingAgain;
    this.ratedElsewhere = db.prepare(
      `INSERT INTO tickets_rated_elsewhere (ticket_id, channel) VALUES (?, 'phone') ON CONFLICT (ticket_id) DO NOTHING`,
    );
  }

  /** Returns how many local rows changed. */
  apply(snapshots: readonly QueueTicketSnapshot[]): number {
    let changed = 0;
    this.db.transaction(() => {
      for (const s of snapshots) {
        const params = {
          id: s.ticketId,
          day: s.day,
          service: s.serviceId,
          counter: s.pinnedCounterId ?? s.counterId,
          pinned: s.pinnedCounterId === null ? 0 : 1,
          origin: s.issuingDevice,
          number: s.number,
          priority: s.priority,
          status: s.status,
          issued: s.issuedAt,
          called: s.calledAt,
          officer: s.officerId,
          from: s.transferredFrom,
          to: s.transferredTo,
        };
        const local = this.select.get(s.ticketId);
        // Rated from the phone: this kiosk's own prompt must refuse a second rating.
        if (s.rated === true && this.ratedElsewhere.run(s.ticketId).changes > 0) changed += 1;
        if (!local) {
          this.insert.run(params);
          changed += 1;
        } else if (s.reopened === true && s.status === 'waiting' && local.status === 'no_show') {
          // Another counter undid its `Vắng mặt`: the ticket waits here again.
          this.reopen.run(s.ticketId);
          changed += 1;
        } else if (RANK[s.status] > RANK[local.status]) {
          // Called elsewhere: the row now sits in the calling counter's queue, not this one's.
          this.advance.run({ ...params, counter: s.counterId ?? local.counter_id });
          changed += 1;
        }
      }
    })();
    return changed;
  }
}
