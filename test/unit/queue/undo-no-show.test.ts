import { afterEach, describe, expect, it } from 'vitest';
import { NO_SHOW_UNDO_MS } from '../../../shared/domain/queue-state.ts';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore | null = null;
afterEach(() => {
  kiosk?.close();
  kiosk = null;
});

const SERVICE = 'dv-chung-thuc';

async function threeWaiting(k: DemoCore): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    numbers.push((await k.core.handlers['queue:takeNumber']({ serviceId: SERVICE })).number);
    k.clock.advance(1_000);
  }
  return numbers;
}

const waitingNumbers = async (k: DemoCore) =>
  (await k.core.handlers['queue:officerView']({})).waiting.map((t) => t.number);

function undoEvents(k: DemoCore): Array<{ ticketId: string; counterId: string; officerId: string }> {
  return k.core.db
    .prepare<[], { body: string }>("SELECT body FROM events WHERE type = 'ticket.no_show_undone' ORDER BY seq")
    .all()
    .map((r) => JSON.parse(r.body) as { ticketId: string; counterId: string; officerId: string });
}

// Async so a refusal thrown at once is a rejection to assert on.
const undo = async (k: DemoCore, ticketId: string) => k.core.handlers['queue:undoNoShow']({ ticketId });

describe('undo of a mistaken Vắng mặt', () => {
  it('puts the ticket back in line at its old place, with an event, within the window', async () => {
    kiosk = await demoCore();
    const [first, second, third] = await threeWaiting(kiosk);
    const called = await kiosk.core.handlers['queue:callNext']({});
    expect(called.number).toBe(first);
    await kiosk.core.handlers['queue:noShow']({ ticketId: called.ticketId });
    expect(await waitingNumbers(kiosk)).toEqual([second, third]);
    const view = await kiosk.core.handlers['queue:officerView']({});
    expect(view.undoNoShow).toMatchObject({ ticketId: called.ticketId, number: first });

    kiosk.clock.advance(NO_SHOW_UNDO_MS - 1_000);
    await kiosk.core.handlers['queue:undoNoShow']({ ticketId: called.ticketId });
    // First in line again: the same place its issue time gave it.
    expect(await waitingNumbers(kiosk)).toEqual([first, second, third]);
    expect((await kiosk.core.handlers['queue:officerView']({})).undoNoShow).toBeNull();
    expect(undoEvents(kiosk)).toEqual([
      expect.objectContaining({ ticketId: called.ticketId, counterId: 'q-1', officerId: 'cb-001' }),
    ]);
    // The next call calls that citizen again.
    expect((await kiosk.core.handlers['queue:callNext']({})).number).toBe(first);
  });

  it('is refused after the window, with a Vietnamese reason, and changes nothing', async () => {
    kiosk = await demoCore();
    const [first, second] = await threeWaiting(kiosk);
    const called = await kiosk.core.handlers['queue:callNext']({});
    await kiosk.core.handlers['queue:noShow']({ ticketId: called.ticketId });
    kiosk.clock.advance(NO_SHOW_UNDO_MS);
    expect((await kiosk.core.handlers['queue:officerView']({})).undoNoShow).toBeNull();
    await expect(undo(kiosk, called.ticketId)).rejects.toThrow(
      `Không thể hoàn tác vắng mặt số ${first}: chỉ hoàn tác được trong 60 giây và trước khi gọi số khác.`,
    );
    expect((await waitingNumbers(kiosk))[0]).toBe(second);
    expect(undoEvents(kiosk)).toEqual([]);
  });

  it('is refused once the counter has called the next number', async () => {
    kiosk = await demoCore();
    const [first, second] = await threeWaiting(kiosk);
    const called = await kiosk.core.handlers['queue:callNext']({});
    await kiosk.core.handlers['queue:noShow']({ ticketId: called.ticketId });
    expect((await kiosk.core.handlers['queue:callNext']({})).number).toBe(second);
    expect((await kiosk.core.handlers['queue:officerView']({})).undoNoShow).toBeNull();
    await expect(undo(kiosk, called.ticketId)).rejects.toThrow(`Không thể hoàn tác vắng mặt số ${first}`);
    expect(undoEvents(kiosk)).toEqual([]);
  });
});
