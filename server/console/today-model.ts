import type { TodayCounter, TodaySnapshot } from '../../shared/contract/console-api.ts';

/** A kiosk whose last sync is older than this is shown offline (kiosks ask for config every minute). */
export const ONLINE_WITHIN_MS = 3 * 60_000;

export interface TodayInput {
  day: string;
  now: Date;
  counters: { id: string; number: number; name: string; centreId?: number }[];
  /** The counter that serves a service at a centre (for transferred tickets); null: the ticket's centre is not known. */
  serviceCounter: ServiceCounter;
  officers: ReadonlyMap<string, { fullName: string; agencyName: string }>;
  /** The latest sign-in or sign-out at each counter, whatever the day: one per counter (see latestDuty). */
  lastDuty: { counterId: string; kind: 'signed_in' | 'signed_out'; officerId: string; occurredAt: string }[];
  /** Today's tickets from the queue projection (see today-queue-query.ts). */
  queue: { issued: QueueIssuedRow[]; waiting: QueueWaitingRow[]; active: QueueActiveRow[] };
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
  /** One centre's page: its counters; the queue totals count only tickets at them (absent: every ticket). */
  counterScope?: ReadonlySet<string>;
}

/** Each centre has its own services (issue 13 §1): a service id names a counter only with its centre. */
export type ServiceCounter = (serviceId: string, centreId: number | null) => string | undefined;

/** Today's tickets not made by a transfer, counted by pinned counter and service (from `queue_tickets`). */
export interface QueueIssuedRow {
  serviceId: string;
  /** The centre that issued them (absent: not known). */
  centreId?: number;
  pinnedCounterId: string | null;
  n: number;
}

/** Today's waiting tickets, counted by where they wait. */
export interface QueueWaitingRow {
  serviceId: string;
  /** The centre whose queue it is in (absent: not known). */
  centreId?: number;
  /** The counter that holds it; null while unpinned. */
  counterId: string | null;
  pinnedCounterId: string | null;
  n: number;
}

/** A ticket being called or served, with the time shown (its latest call or recall, or its start). */
export interface QueueActiveRow {
  number: string;
  counterId: string;
  status: 'called' | 'serving';
  since: string;
}

/**
 * Per counter: tickets issued today, people waiting, and the ticket being called or served.
 * A ticket waits at its counter, else at the counter pinned, else at the first counter serving
 * its service (an unpinned ticket from the entrance, or one transferred to a service).
 */
export function summariseQueue(
  queue: TodayInput['queue'],
  serviceCounter: ServiceCounter,
): { issuedByCounter: Map<string, number>; waiting: Map<string, number>; current: Map<string, QueueActiveRow> } {
  const issuedByCounter = new Map<string, number>();
  const waiting = new Map<string, number>();
  const add = (map: Map<string, number>, key: string | null | undefined, n: number) => {
    if (key !== null && key !== undefined) map.set(key, (map.get(key) ?? 0) + n);
  };
  for (const row of queue.issued) {
    add(issuedByCounter, row.pinnedCounterId ?? serviceCounter(row.serviceId, row.centreId ?? null), row.n);
  }
  for (const row of queue.waiting) {
    add(waiting, row.counterId ?? row.pinnedCounterId ?? serviceCounter(row.serviceId, row.centreId ?? null), row.n);
  }
  const current = new Map<string, QueueActiveRow>();
  for (const ticket of queue.active) {
    const shown = current.get(ticket.counterId);
    if (!shown || shown.since < ticket.since) current.set(ticket.counterId, ticket);
  }
  return { issuedByCounter, waiting, current };
}

/** Builds the Today page from what the database holds; pure, so it is tested without a server. */
export function buildToday(input: TodayInput): TodaySnapshot {
  const { issuedByCounter, waiting, current } = summariseQueue(input.queue, input.serviceCounter);
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
      centreId: counter.centreId ?? null,
      officer:
        onDuty?.kind === 'signed_in'
          ? {
              id: onDuty.officerId,
              fullName: officer?.fullName ?? onDuty.officerId,
              agencyName: officer?.agencyName ?? '',
              since: onDuty.occurredAt,
            }
          : null,
      current: ticket ? { number: ticket.number, status: ticket.status, since: ticket.since } : null,
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

  const inScope = (entries: Map<string, number>) =>
    [...entries].reduce(
      (sum, [counterId, n]) => sum + (!input.counterScope || input.counterScope.has(counterId) ? n : 0),
      0,
    );
  const byLevel = input.levels.map((level) => ({ ...level, count: input.ratingsByLevel.get(level.code) ?? 0 }));
  return {
    day: input.day,
    generatedAt: input.now.toISOString(),
    counters,
    totals: {
      issued: inScope(issuedByCounter),
      served: input.served,
      waiting: inScope(waiting),
      ratings: byLevel.reduce((sum, l) => sum + l.count, 0),
      byLevel,
      misuse: input.misuse,
    },
  };
}
