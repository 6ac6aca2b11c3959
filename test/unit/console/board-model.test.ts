import { describe, expect, it } from 'vitest';
import { boardSnapshot, RECENT_CALLS } from '../../../server/console/board-model.ts';
import { addCall, publicCall, RECENT_SHOWN, uniqueRecent } from '../../../renderer/board/src/board-state.ts';

const call = (ms: number, counterNumber: number, number: string) => ({
  counterNumber,
  counterName: `Quầy số ${counterNumber}`,
  number,
  calledAt: new Date(ms).toISOString(),
  ms,
});

describe('board model', () => {
  it('shows each counter’s latest call and only public fields', () => {
    const snapshot = boardSnapshot([call(2, 1, '1001'), call(4, 2, '1001'), call(5, 2, '1001')]);
    expect(snapshot.current).toEqual([
      { counterNumber: 1, counterName: 'Quầy số 1', number: '1001', calledAt: new Date(2).toISOString() },
      { counterNumber: 2, counterName: 'Quầy số 2', number: '1001', calledAt: new Date(5).toISOString() },
    ]);
    expect(Object.keys(snapshot.recent[0]!).sort()).toEqual(['calledAt', 'counterName', 'counterNumber', 'number']);
  });

  it('keeps only the latest calls, newest first', () => {
    const snapshot = boardSnapshot(Array.from({ length: 20 }, (_, i) => call(i * 10 + 1, 1, String(1000 + i))));
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
