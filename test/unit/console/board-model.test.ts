import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../shared/domain/events.ts';
import { boardCalls, boardSnapshot, RECENT_CALLS, ticketNumbers } from '../../../server/console/board-model.ts';
import { addCall, publicCall, RECENT_SHOWN, uniqueRecent } from '../../../renderer/board/src/board-state.ts';

const ev = (ms: number, event: Record<string, unknown>) => ({
  ms,
  event: { id: `e-${ms}`, seq: ms, occurredAt: new Date(ms).toISOString(), ...event } as unknown as KioskEvent,
});
const counters = new Map([
  ['q-1', { number: 1, name: 'Quầy số 1' }],
  ['q-2', { number: 2, name: 'Quầy số 2' }],
]);

describe('board model', () => {
  it('resolves each call to the printed number, transfers included, and exposes only public fields', () => {
    const events = [
      ev(1, { type: 'ticket.issued', ticketId: 't1', number: '1001', serviceId: 's', counterId: 'q-1' }),
      ev(2, { type: 'ticket.called', ticketId: 't1', counterId: 'q-1', officerId: 'cb-1', agencyId: 'ag-1' }),
      ev(3, { type: 'ticket.transferred', ticketId: 't1', toServiceId: 's2', newTicketId: 't1b' }),
      ev(4, { type: 'ticket.called', ticketId: 't1b', counterId: 'q-2', officerId: 'cb-2', agencyId: 'ag-2' }),
      ev(5, { type: 'ticket.recalled', ticketId: 't1b', counterId: 'q-2', officerId: 'cb-2' }),
      ev(6, { type: 'ticket.called', ticketId: 'unknown', counterId: 'q-1', officerId: 'cb-1', agencyId: 'ag-1' }),
    ];
    const calls = boardCalls(events, ticketNumbers(events), counters);
    expect(calls.map((c) => [c.counterNumber, c.number])).toEqual([
      [1, '1001'],
      [2, '1001'],
      [2, '1001'],
    ]);
    const snapshot = boardSnapshot(calls);
    expect(snapshot.current).toEqual([
      { counterNumber: 1, counterName: 'Quầy số 1', number: '1001', calledAt: new Date(2).toISOString() },
      { counterNumber: 2, counterName: 'Quầy số 2', number: '1001', calledAt: new Date(5).toISOString() },
    ]);
    expect(Object.keys(snapshot.recent[0]!).sort()).toEqual(['calledAt', 'counterName', 'counterNumber', 'number']);
  });

  it('keeps only the latest calls, newest first', () => {
    const events = Array.from({ length: 20 }, (_, i) => [
      ev(i * 10, {
        type: 'ticket.issued',
        ticketId: `t${i}`,
        number: String(1000 + i),
        serviceId: 's',
        counterId: 'q-1',
      }),
      ev(i * 10 + 1, { type: 'ticket.called', ticketId: `t${i}`, counterId: 'q-1', officerId: 'cb', agencyId: 'ag' }),
    ]).flat();
    const snapshot = boardSnapshot(boardCalls(events, ticketNumbers(events), counters));
    expect(snapshot.recent).toHaveLength(RECENT_CALLS);
    expect(snapshot.recent[0]!.number).toBe('1019');
  });

  it('on the page: a live call replaces the counter’s number and tops the list; extra fields are dropped', () => {
    const call = publicCall({
      counterNumber: 2,
      counterName: 'Quầy số 2',
      number: '2005',
      calledAt: 'x',
      officer: 'Tên',
    });
    expect(call).toEqual({ counterNumber: 2, counterName: 'Quầy số 2', number: '2005', calledAt: 'x' });
    expect(publicCall({ number: 5 })).toBeNull();
    const state = addCall(
      { current: [{ counterNumber: 2, counterName: 'Quầy số 2', number: '2004', calledAt: 'w' }], recent: [] },
      call!,
    );
    expect(state.current.map((c) => c.number)).toEqual(['2005']);
    expect(state.recent[0]!.number).toBe('2005');
  });
});

describe('board: Vừa gọi', () => {
  const call = (number: string, counterNumber: number, minute: number) => ({
    number,
    counterNumber,
    counterName: `Quầy số ${counterNumber}`,
    calledAt: `2026-12-01T09:${String(minute).padStart(2, '0')}:00.000+07:00`,
  });

  it('shows a recalled or transferred number once, at its latest counter and time', () => {
    let state = { current: [], recent: [] } as Parameters<typeof addCall>[0];
    state = addCall(state, call('1001', 1, 0));
    state = addCall(state, call('3001', 2, 1));
    state = addCall(state, call('1001', 1, 2)); // recalled
    state = addCall(state, call('1001', 2, 3)); // transferred to counter 2
    expect(state.recent.map((c) => [c.number, c.counterNumber, c.calledAt.slice(11, 16)])).toEqual([
      ['1001', 2, '09:03'],
      ['3001', 2, '09:01'],
    ]);
  });

  it('cleans a snapshot that lists a number several times, keeping the newest', () => {
    const recent = [call('1001', 2, 3), call('1001', 1, 2), call('3001', 2, 1), call('1001', 1, 0)];
    expect(uniqueRecent(recent).map((c) => [c.number, c.counterNumber])).toEqual([
      ['1001', 2],
      ['3001', 2],
    ]);
    const many = Array.from({ length: 20 }, (_unused, index) => call(String(1001 + index), 1, index));
    expect(uniqueRecent(many)).toHaveLength(RECENT_SHOWN);
  });
});
