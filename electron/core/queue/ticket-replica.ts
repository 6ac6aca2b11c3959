import type { QueueTicketSnapshot } from '../../../shared/contract/queue-sync.ts';
import type { TicketStatus } from '../../../shared/domain/queue-state.ts';
import type { Db } from '../database.ts';
import { openKioskData } from '../data/index.ts';
import type { TicketReads } from '../data/ticket-reads.ts';
import type { ReplicaTicket, TicketWrites } from '../data/ticket-writes.ts';

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
  private readonly reads: TicketReads;
  private readonly writes: TicketWrites;

  constructor(private readonly db: Db) {
    const data = openKioskData(db);
    this.reads = data.ticketReads;
    this.writes = data.ticketWrites;
  }

  /** Returns how many local rows changed. */
  apply(snapshots: readonly QueueTicketSnapshot[]): number {
    let changed = 0;
    this.db.transaction(() => {
      for (const s of snapshots) {
        const ticket: ReplicaTicket = {
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
        const local = this.reads.ticket(s.ticketId);
        // Rated from the phone: this kiosk's own prompt must refuse a second rating.
        if (s.rated === true && this.writes.markRatedElsewhere(s.ticketId)) changed += 1;
        if (!local) {
          this.writes.insertReplica(ticket);
          changed += 1;
        } else if (s.reopened === true && s.status === 'waiting' && local.status === 'no_show') {
          // Another counter undid its `Vắng mặt`: the ticket waits here again.
          this.writes.markWaitingAgain(s.ticketId);
          changed += 1;
        } else if (RANK[s.status] > RANK[local.status]) {
          // Called elsewhere: the row now sits in the calling counter's queue, not this one's.
          this.writes.advanceReplica({ ...ticket, counter: s.counterId ?? local.counter_id });
          changed += 1;
        }
      }
    })();
    return changed;
  }
}
