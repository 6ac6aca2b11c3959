import { DomainError } from '../../../shared/contract/result.ts';
import type { QueueService } from '../../../shared/domain/queue-config.ts';
import { NUMBERS_NOT_LEASED_MESSAGE } from '../../../shared/domain/queue-leases.ts';
import {
  NUMBERS_EXHAUSTED_MESSAGE,
  formatTicketNumber,
  nthNumber,
  numberingDay,
} from '../../../shared/domain/queue-numbering.ts';
import { waitsForConnection, type KioskRole } from '../../../shared/domain/queue-routing.ts';
import { toVietnamIso } from '../../../shared/domain/vietnam-time.ts';
import type { Db } from '../database.ts';
import { openKioskData } from '../data/index.ts';
import type { TicketWrites } from '../data/ticket-writes.ts';
import { Outbox } from '../outbox.ts';
import type { NumberLeases } from './number-leases.ts';
import type { QueueStore } from './queue-store.ts';
import { mintRatingToken } from './rating-token.ts';
import type { TicketRow, TicketRows } from './ticket-rows.ts';

export interface IssuerDeps {
  db: Db;
  store: QueueStore;
  rows: TicketRows;
  outbox: Outbox;
  leases: NumberLeases;
  now: () => Date;
  role: () => KioskRole;
  counterId: () => string | null;
  /** 'leased': enrolled to a server, numbers come from leased blocks; 'free': a lone kiosk owns the range. */
  numbering: () => 'leased' | 'free';
}

/**
 * Issues numbers. A counter kiosk pins the ticket to its counter; the entrance leaves it
 * unpinned, for any counter serving the service. An enrolled kiosk numbers only from the blocks
 * the server leased it, so numbers never collide across kiosks, online or not.
 */
export class TicketIssuer {
  private readonly tickets: TicketWrites;

  constructor(private readonly deps: IssuerDeps) {
    this.tickets = openKioskData(deps.db).ticketWrites;
  }

  /** The services a citizen may take a number for here. */
  services(): QueueService[] {
    if (this.deps.role() === 'entrance') return this.deps.store.allServices();
    const counterId = this.deps.counterId();
    return counterId ? this.deps.store.servicesOf(counterId) : [];
  }

  issue(serviceId: string, priorityCode?: string): TicketRow {
    const service = this.deps.store.service(serviceId);
    if (!service) throw new DomainError('not_found', 'Không tìm thấy dịch vụ này.');
    if (priorityCode !== undefined && !this.deps.store.priorities().some((p) => p.code === priorityCode)) {
      throw new DomainError('not_found', 'Không có đối tượng ưu tiên này trong danh sách.');
    }
    const role = this.deps.role();
    const ownCounter = role === 'counter' ? this.deps.counterId() : null;
    const pinnedTo = ownCounter !== null && service.counterIds.includes(ownCounter) ? ownCounter : null;
    const instant = this.deps.now();
    const day = numberingDay(instant);
    const issuedAt = toVietnamIso(instant);
    const id = Outbox.newId();
    const ratingToken = mintRatingToken();
    this.deps.db.transaction(() => {
      const index = this.nextIndex(service, day);
      const value = nthNumber(service, index);
      if (value === null) throw new DomainError('conflict', `${NUMBERS_EXHAUSTED_MESSAGE}.`);
      const number = formatTicketNumber(service, value);
      this.tickets.insertIssued({
        id,
        day,
        serviceId: service.id,
        counterId: pinnedTo,
        pinned: pinnedTo !== null,
        number,
        dayIndex: index,
        priority: priorityCode ?? null,
        issuedAt,
        ratingToken,
      });
      this.deps.outbox.append({
        id: Outbox.newId(),
        type: 'ticket.issued',
        occurredAt: issuedAt,
        ticketId: id,
        number,
        serviceId: service.id,
        counterId: pinnedTo ?? service.counterId,
        ...(pinnedTo === null && { pinned: false }),
        ...(priorityCode !== undefined && { priority: priorityCode }),
        ratingToken,
      });
    })();
    return this.deps.rows.ticket(id)!;
  }

  /** Whether the ticket reaches its counter only through the server (entrance, another counter's service). */
  dependsOnServer(row: TicketRow): boolean {
    if (this.deps.numbering() !== 'leased') return false;
    const ownCounter = this.deps.role() === 'counter' ? this.deps.counterId() : null;
    const routed = { serviceId: row.service_id, pinnedCounterId: row.pinned === 1 ? row.counter_id : null };
    return waitsForConnection(routed, ownCounter, this.deps.store.service(row.service_id));
  }

  /** The ticket could not be handed to the server: the citizen is told it will reach the counter later. */
  markWaitingForConnection(id: string): void {
    this.tickets.markWaitsForConnection(id);
  }

  private nextIndex(service: QueueService, day: string): number {
    if (this.deps.numbering() === 'free') return this.tickets.countIssued(service.id, day);
    const index = this.deps.leases.take(service.id, day);
    if (index === null) throw new DomainError('unavailable', `${NUMBERS_NOT_LEASED_MESSAGE}.`);
    return index;
  }
}
