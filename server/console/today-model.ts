import type { TodayCounter, TodaySnapshot } from '../../shared/contract/console-api.ts';
import type { KioskEvent } from '../../shared/domain/events.ts';

/** A kiosk whose last sync is older than this is shown offline (kiosks ask for config every minute). */
export const ONLINE_WITHIN_MS = 3 * 60_000;

export interface TodayInput {
  day: string;
  now: Date;
  counters: { id: string; number: number; name: string }[];
  /** serviceId → the counter that serves it (for transferred tickets). */
  serviceCounter: ReadonlyMap<string, string>;
  officers: ReadonlyMap<string, { fullName: string; agencyName: string }>;
  /** The latest sign-in or sign-out at each counter, whatever the day: one per counter (see latestDuty). */
  lastDuty: { counterId: string; kind: 'signed_in' | 'signed_out'; officerId: string; occurredAt: string }[];
  /** Today's queue events, any order. */
  events: { deviceId: string; ms: number; event: KioskEvent }[];
  devices: {
    id: string;
    name: string;
    lastSyncAt: string | null;
    revoked: boolean;
    /** As the kiosk last reported it; absent or null when it never did. */
    printer?: { state: string; message: string } | null;
  }[];
  /** deviceId → the counter it last acted for. */
  deviceCounter: ReadonlyMap<string, string>;
  servedByCounter: ReadonlyMap<string, number>;
  ratingsByCounter: ReadonlyMap<string, number>;
  levels: { code: string; label: string }[];
  ratingsByLevel: ReadonlyMap<string, number>;
  misuse: number;
  served: number;
}

interface TicketState {
  number: string;
  counterId: string;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'no_show' | 'transferred' | 'cancelled';
  since: string;
}

/** Replays today's queue events into the state of every ticket. */
export function replayTickets(
  events: TodayInput['events'],
  serviceCounter: ReadonlyMap<string, string>,
): { tickets: Map<string, TicketState>; issuedByCounter: Map<string, number> } {
  const tickets = new Map<string, TicketState>();
  const issuedByCounter = new Map<string, number>();
  const sorted = [...events].sort((a, b) => a.ms - b.ms || a.event.seq - b.event.seq);
  const touch = (ticketId: string, counterId: string, status: TicketState['status'], at: string) => {
    const ticket = tickets.get(ticketId);
    if (ticket) Object.assign(ticket, { counterId, status, since: at });
    // A ticket issued before today (or on a kiosk not yet synced) still shows, with no number.
    else tickets.set(ticketId, { number: '?', counterId, status, since: at });
  };
  for (const { event } of sorted) {
    switch (event.type) {
      case 'ticket.issued':
        tickets.set(event.ticketId, {
          number: event.number,
          counterId: event.counterId,
          status: 'waiting',
          since: event.occurredAt,
        });
        issuedByCounter.set(event.counterId, (issuedByCounter.get(event.counterId) ?? 0) + 1);
        break;
      case 'ticket.called':
      case 'ticket.recalled':
        touch(event.ticketId, event.counterId, 'called', event.occurredAt);
        break;
      case 'ticket.started':
        touch(event.ticketId, event.counterId, 'serving', event.occurredAt);
        break;
      case 'ticket.finished': {
        const ticket = tickets.get(event.ticketId);
        if (ticket) Object.assign(ticket, { status: 'done', since: event.occurredAt });
        else
          tickets.set(event.ticketId, {
            number: event.number,
            counterId: event.counterId,
            status: 'done',
            since: event.occurredAt,
          });
        break;
      }
      case 'ticket.no_show':
        touch(event.ticketId, event.counterId, 'no_show', event.occurredAt);
        break;
      case 'ticket.cancelled': {
        const ticket = tickets.get(event.ticketId);
        if (ticket) Object.assign(ticket, { status: 'cancelled', since: event.occurredAt });
        break;
      }
      case 'ticket.transferred': {
        const ticket = tickets.get(event.ticketId);
        const number = ticket?.number ?? '?';
        if (ticket) Object.assign(ticket, { status: 'transferred', since: event.occurredAt });
        const counterId = serviceCounter.get(event.toServiceId) ?? ticket?.counterId ?? '';
        // The citizen keeps the number and waits at the counter of the new service.
        tickets.set(event.newTicketId, { number, counterId, status: 'waiting', since: event.occurredAt });
        break;
      }
      default:
        break;
    }
  }
  return { tickets, issuedByCounter };
}

/** Builds the Today page from what the database holds; pure, so it is tested without a server. */
export function buildToday(input: TodayInput): TodaySnapshot {
  const { tickets, issuedByCounter } = replayTickets(input.events, input.serviceCounter);
  const waiting = new Map<string, number>();
  const current = new Map<string, TicketState>();
  for (const ticket of tickets.values()) {
    if (ticket.status === 'waiting') waiting.set(ticket.counterId, (waiting.get(ticket.counterId) ?? 0) + 1);
    if (ticket.status === 'called' || ticket.status === 'serving') {
      const shown = current.get(ticket.counterId);
      if (!shown || shown.since < ticket.since) current.set(ticket.counterId, ticket);
    }
  }
  const duty = new Map(input.lastDuty.map((d) => [d.counterId, d]));
  const kioskOf = new Map<string, TodayInput['devices'][number]>();
  for (const device of input.devices) {
    if (device.revoked) continue;
    const counterId = input.deviceCounter.get(device.id);
    if (counterId === undefined) continue;
    const shown = kioskOf.get(counterId);
    if (!shown || (shown.lastSyncAt ?? '') < (device.lastSyncAt ?? '')) kioskOf.set(counterId, device);
  }
  const nowMs = input.now.getTime();

  const counters: TodayCounter[] = input.counters.map((counter) => {
    const onDuty = duty.get(counter.id);
    const officer = onDuty?.kind === 'signed_in' ? input.officers.get(onDuty.officerId) : undefined;
    const ticket = current.get(counter.id);
    const device = kioskOf.get(counter.id);
    return {
      counterId: counter.id,
      number: counter.number,
      name: counter.name,
      officer:
        onDuty?.kind === 'signed_in'
          ? {
              id: onDuty.officerId,
              fullName: officer?.fullName ?? onDuty.officerId,
              agencyName: officer?.agencyName ?? '',
              since: onDuty.occurredAt,
            }
          : null,
      current: ticket
        ? { number: ticket.number, status: ticket.status as 'called' | 'serving', since: ticket.since }
        : null,
      waiting: waiting.get(counter.id) ?? 0,
      issuedToday: issuedByCounter.get(counter.id) ?? 0,
      servedToday: input.servedByCounter.get(counter.id) ?? 0,
      ratingsToday: input.ratingsByCounter.get(counter.id) ?? 0,
      kiosk: device
        ? {
            deviceId: device.id,
            name: device.name,
            online: device.lastSyncAt !== null && nowMs - Date.parse(device.lastSyncAt) <= ONLINE_WITHIN_MS,
            lastSyncAt: device.lastSyncAt,
            printer: device.printer?.state ?? null,
            printerMessage: device.printer?.message ?? null,
          }
        : null,
    };
  });

  const byLevel = input.levels.map((level) => ({ ...level, count: input.ratingsByLevel.get(level.code) ?? 0 }));
  return {
    day: input.day,
    generatedAt: input.now.toISOString(),
    counters,
    totals: {
      issued: [...issuedByCounter.values()].reduce((a, b) => a + b, 0),
      served: input.served,
      waiting: [...waiting.values()].reduce((a, b) => a + b, 0),
      ratings: byLevel.reduce((sum, l) => sum + l.count, 0),
      byLevel,
      misuse: input.misuse,
    },
  };
}
