import { describe, expect, it } from 'vitest';
import { buildToday, summariseQueue, type TodayInput } from '../../../server/console/today-model.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 1, minute)).toISOString();
const issued = (n: number, pinnedCounterId: string | null = 'q-1', serviceId = 's-1') => ({
  serviceId,
  pinnedCounterId,
  n,
});
const waiting = (n: number, counterId: string | null, pinnedCounterId: string | null, serviceId: string) => ({
  serviceId,
  counterId,
  pinnedCounterId,
  n,
});
const noQueue = { issued: [], waiting: [], active: [] };

function input(queue: TodayInput['queue'], extra: Partial<TodayInput> = {}): TodayInput {
  return {
    day: '2026-11-28',
    now: new Date(at(30)),
    counters: [
      { id: 'q-1', number: 1, name: 'Quầy số 1' },
      { id: 'q-2', number: 2, name: 'Quầy số 2' },
    ],
    serviceCounter: (serviceId) =>
      new Map([
        ['s-1', 'q-1'],
        ['s-2', 'q-2'],
      ]).get(serviceId),
    officers: new Map([['cb-1', { fullName: 'Nguyễn Văn A', agencyName: 'Sở Tư pháp' }]]),
    lastDuty: [{ counterId: 'q-1', kind: 'signed_in', officerId: 'cb-1', occurredAt: at(0) }],
    queue,
    devices: [{ id: 'k1', name: 'Kiosk 1', lastSyncAt: at(29), revoked: false }],
    deviceCounter: new Map([['k1', 'q-1']]),
    servedByCounter: new Map(),
    ratingsByCounter: new Map(),
    levels: [{ code: 'tot', label: 'Tốt' }],
    ratingsByLevel: new Map([['tot', 3]]),
    misuse: 0,
    served: 0,
    ...extra,
  };
}

describe('Today model', () => {
  it('counts waiting tickets, shows the ticket being served and keeps the number through a transfer', () => {
    // Three issued at q-1: one called then transferred to s-2 (a new unpinned ticket waits at
    // q-2, the counter serving s-2), one called now, one cancelled.
    const queue = {
      issued: [issued(3)],
      waiting: [waiting(1, null, null, 's-2')],
      active: [
        { number: '1002', counterId: 'q-1', status: 'called' as const, since: at(7) },
        { number: '0999', counterId: 'q-1', status: 'serving' as const, since: at(2) },
      ],
    };
    const summary = summariseQueue(queue, (serviceId) => new Map([['s-2', 'q-2']]).get(serviceId));
    expect(summary.waiting.get('q-2')).toBe(1);
    expect(summary.issuedByCounter.get('q-2')).toBeUndefined();
    const today = buildToday(input(queue));
    const [q1, q2] = today.counters;
    // The latest call is what the counter shows.
    expect(q1).toMatchObject({
      waiting: 0,
      issuedToday: 3,
      current: { number: '1002', status: 'called', since: at(7) },
    });
    expect(q1!.officer).toMatchObject({ fullName: 'Nguyễn Văn A', agencyName: 'Sở Tư pháp' });
    expect(q1!.kiosk).toMatchObject({ online: true, name: 'Kiosk 1', printer: null });
    expect(q2).toMatchObject({ waiting: 1, current: null, officer: null, kiosk: null });
    expect(today.totals).toMatchObject({ issued: 3, waiting: 1, ratings: 3 });
  });

  it('counts an entrance ticket at the first counter serving its service until a counter calls it', () => {
    const queue = {
      issued: [issued(5, null, 's-2')],
      waiting: [waiting(4, null, null, 's-2')],
      active: [{ number: '2001', counterId: 'q-1', status: 'called' as const, since: at(3) }],
    };
    const [q1, q2] = buildToday(input(queue)).counters;
    expect(q2).toMatchObject({ waiting: 4, issuedToday: 5, current: null });
    expect(q1).toMatchObject({ waiting: 0, issuedToday: 0, current: { number: '2001' } });
  });

  it('shows a kiosk offline after three minutes without a sync, and nobody on duty after sign-out', () => {
    const today = buildToday(
      input(noQueue, {
        devices: [{ id: 'k1', name: 'Kiosk 1', lastSyncAt: at(20), revoked: false }],
        lastDuty: [{ counterId: 'q-1', kind: 'signed_out', officerId: 'cb-1', occurredAt: at(10) }],
      }),
    );
    expect(today.counters[0]).toMatchObject({ officer: null, kiosk: { online: false } });
  });

  it('finishes and no-shows leave nothing being served', () => {
    const queue = { issued: [issued(2)], waiting: [], active: [] };
    expect(buildToday(input(queue)).counters[0]).toMatchObject({ current: null, waiting: 0, issuedToday: 2 });
  });
});
