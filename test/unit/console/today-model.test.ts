import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../shared/domain/events.ts';
import { buildToday, replayTickets, type TodayInput } from '../../../server/console/today-model.ts';

let seq = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 1, minute)).toISOString();
const ev = (minute: number, event: Record<string, unknown>) => ({
  deviceId: 'k1',
  ms: Date.parse(at(minute)),
  event: { id: `e-${++seq}`, seq, occurredAt: at(minute), ...event } as unknown as KioskEvent,
});
const issued = (minute: number, ticketId: string, number: string, counterId = 'q-1') =>
  ev(minute, { type: 'ticket.issued', ticketId, number, serviceId: 's-1', counterId });
const called = (minute: number, ticketId: string, counterId = 'q-1') =>
  ev(minute, { type: 'ticket.called', ticketId, counterId, officerId: 'cb-1', agencyId: 'ag-1' });

function input(events: TodayInput['events'], extra: Partial<TodayInput> = {}): TodayInput {
  return {
    day: '2026-11-28',
    now: new Date(at(30)),
    counters: [
      { id: 'q-1', number: 1, name: 'Quầy số 1' },
      { id: 'q-2', number: 2, name: 'Quầy số 2' },
    ],
    serviceCounter: new Map([
      ['s-1', 'q-1'],
      ['s-2', 'q-2'],
    ]),
    officers: new Map([['cb-1', { fullName: 'Nguyễn Văn A', agencyName: 'Sở Tư pháp' }]]),
    lastDuty: [{ counterId: 'q-1', kind: 'signed_in', officerId: 'cb-1', occurredAt: at(0) }],
    events,
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
    const events = [
      issued(1, 't1', '1001'),
      issued(2, 't2', '1002'),
      issued(3, 't3', '1003'),
      called(4, 't1'),
      ev(5, { type: 'ticket.started', ticketId: 't1', counterId: 'q-1', officerId: 'cb-1', agencyId: 'ag-1' }),
      ev(6, { type: 'ticket.transferred', ticketId: 't1', toServiceId: 's-2', newTicketId: 't1b' }),
      called(7, 't2'),
      ev(8, { type: 'ticket.cancelled', ticketId: 't3' }),
    ];
    // Out of order on purpose: kiosks sync whenever they can.
    const { tickets } = replayTickets([...events].reverse(), new Map([['s-2', 'q-2']]));
    expect(tickets.get('t1b')).toMatchObject({ number: '1001', counterId: 'q-2', status: 'waiting' });
    const today = buildToday(input(events));
    const [q1, q2] = today.counters;
    expect(q1).toMatchObject({ waiting: 0, issuedToday: 3, current: { number: '1002', status: 'called' } });
    expect(q1!.officer).toMatchObject({ fullName: 'Nguyễn Văn A', agencyName: 'Sở Tư pháp' });
    expect(q1!.kiosk).toMatchObject({ online: true, name: 'Kiosk 1', printer: null });
    expect(q2).toMatchObject({ waiting: 1, current: null, officer: null, kiosk: null });
    expect(today.totals).toMatchObject({ issued: 3, waiting: 1, ratings: 3 });
  });

  it('shows a kiosk offline after three minutes without a sync, and nobody on duty after sign-out', () => {
    const today = buildToday(
      input([], {
        devices: [{ id: 'k1', name: 'Kiosk 1', lastSyncAt: at(20), revoked: false }],
        lastDuty: [{ counterId: 'q-1', kind: 'signed_out', officerId: 'cb-1', occurredAt: at(10) }],
      }),
    );
    expect(today.counters[0]).toMatchObject({ officer: null, kiosk: { online: false } });
  });

  it('finishes and no-shows leave nothing being served', () => {
    const events = [
      issued(1, 't1', '1001'),
      called(2, 't1'),
      ev(3, { type: 'ticket.no_show', ticketId: 't1', counterId: 'q-1', officerId: 'cb-1' }),
    ];
    expect(buildToday(input(events)).counters[0]).toMatchObject({ current: null, waiting: 0 });
  });
});
