import type { OfficerTicketView, TicketView } from '../../../shared/contract/queue-channels.ts';
import type { Counter } from '../../../shared/domain/config.ts';
import { WAITS_FOR_CONNECTION_MESSAGE } from '../../../shared/domain/queue-routing.ts';
import { estimateWaitMinutes } from '../../../shared/domain/queue-wait.ts';
import type { ConfigStore } from '../config-store.ts';
import type { QueueStore } from './queue-store.ts';
import { ticketQrText } from './rating-token.ts';
import { SYNC_SERVER_URL_KEY } from '../sync/sync-store.ts';
import type { TicketRow, TicketRows } from './ticket-rows.ts';

/** Turns ticket rows into what the citizen and the officer see. */
export class TicketViews {
  constructor(
    private readonly config: ConfigStore,
    private readonly store: QueueStore,
    private readonly rows: TicketRows,
  ) {}

  /** The citizen's ticket: its counter (or every counter serving it), people ahead, wait. */
  citizen(row: TicketRow): TicketView {
    const options = this.store.options();
    const counter = this.counterOf(row);
    const queueCounter = row.counter_id ?? counter.id;
    const order = this.rows.callOrder(queueCounter, row.day);
    const index = order.findIndex((t) => t.id === row.id);
    const peopleAhead = index < 0 ? 0 : index;
    const priorityLabel = this.priorityLabel(row.priority);
    return {
      ticketId: row.id,
      number: row.number,
      serviceName: this.store.service(row.service_id)?.name ?? row.service_id,
      counterName: counter.name,
      counterNumber: counter.number,
      ...(priorityLabel !== null && { priorityLabel }),
      peopleAhead,
      estimatedWaitMinutes: estimateWaitMinutes({
        peopleAhead,
        recentServiceMs: this.rows.recentServiceMs(queueCounter, options.waitSamples),
        samples: options.waitSamples,
        defaultServiceMinutes: options.defaultServiceMinutes,
      }),
      issuedAt: row.issued_at,
      qrText: ticketQrText(row, this.publicAddress()),
      printed: row.printed === 1,
      ...(row.waits_for_connection === 1 && { connectionNote: WAITS_FOR_CONNECTION_MESSAGE }),
    };
  }

  /** Where the ticket's QR points: the centre's public address, else the server this kiosk syncs with. */
  private publicAddress(): string | null {
    return this.store.options().publicAddress ?? this.config.getSetting(SYNC_SERVER_URL_KEY);
  }

  officer(row: TicketRow): OfficerTicketView {
    return {
      ticketId: row.id,
      number: row.number,
      serviceId: row.service_id,
      serviceName: this.store.service(row.service_id)?.name ?? row.service_id,
      status: row.status,
      priorityLabel: this.priorityLabel(row.priority),
      issuedAt: row.issued_at,
      calledAt: row.called_at,
      startedAt: row.started_at,
      printed: row.printed === 1,
    };
  }

  /** "Quầy 2" for a pinned ticket; every counter serving the service for an unpinned one. */
  counterOf(row: TicketRow): Counter {
    if (row.counter_id !== null) {
      return this.config.counter(row.counter_id) ?? { id: row.counter_id, number: 0, name: row.counter_id };
    }
    const ids = this.store.service(row.service_id)?.counterIds ?? [];
    const counters = ids.map((id) => this.config.counter(id) ?? { id, number: 0, name: id });
    const first = counters[0] ?? { id: row.service_id, number: 0, name: row.service_id };
    return { ...first, name: counters.map((c) => c.name).join(', ') || first.name };
  }

  priorityLabel(code: string | null): string | null {
    if (code === null) return null;
    return this.store.priorities().find((p) => p.code === code)?.label ?? code;
  }
}
