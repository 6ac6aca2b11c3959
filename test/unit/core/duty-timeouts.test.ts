import { afterEach, describe, expect, it } from 'vitest';
import { KioskCore } from '../../../electron/core/kiosk-core.ts';
import { dutyEndsAt } from '../../../shared/domain/duty-limits.ts';
import { DEMO_CONFIG } from '../../../shared/domain/demo-config.ts';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore | null = null;
afterEach(() => {
  kiosk?.close();
  kiosk = null;
});

function signOuts(k: DemoCore): Array<{ cause: string; officerId: string }> {
  return k.core.db
    .prepare<[], { body: string }>("SELECT body FROM events WHERE type = 'officer.signed_out' ORDER BY seq")
    .all()
    .map((r) => JSON.parse(r.body) as { cause: string; officerId: string });
}

describe('a sign-in ends by itself', () => {
  it('at the end of the working day (17:30 Vietnam time), with cause timeout', async () => {
    // The demo signs cb-001 in at 09:00 on 28/11/2026 (Vietnam time).
    kiosk = await demoCore();
    kiosk.core.config.setSetting('duty.limits', JSON.stringify({ endOfDay: '17:30', idleMinutes: 0 }));
    kiosk.clock.advance(8 * 3_600_000 + 29 * 60_000); // 17:29
    expect(kiosk.core.enforceDuty()).toBe(0);
    expect(kiosk.core.state().officer?.id).toBe('cb-001');
    kiosk.clock.advance(60_000); // 17:30
    expect(kiosk.core.enforceDuty()).toBe(1);
    expect(kiosk.core.state().officer).toBeNull();
    expect(signOuts(kiosk)).toEqual([expect.objectContaining({ officerId: 'cb-001', cause: 'timeout' })]);
    // The next morning's rating is refused, not credited to yesterday's officer.
    expect(() => kiosk!.core.ratings.submit({ counterId: 'q-1', level: 'tot', walkUpIntervalMs: 0 })).toThrow();
  });

  it('after the idle time; an officer action restarts the idle clock', async () => {
    kiosk = await demoCore();
    kiosk.core.config.setSetting('duty.limits', JSON.stringify({ endOfDay: '23:59', idleMinutes: 30 }));
    kiosk.clock.advance(25 * 60_000);
    // Any officer action at the counter counts (here: calling the next number).
    await kiosk.core.handlers['queue:takeNumber']({ serviceId: kiosk.core.state().queue.services[0]!.id });
    await kiosk.core.handlers['queue:callNext']({});
    kiosk.clock.advance(25 * 60_000);
    expect(kiosk.core.enforceDuty()).toBe(0);
    kiosk.clock.advance(5 * 60_000);
    expect(kiosk.core.enforceDuty()).toBe(1);
    expect(signOuts(kiosk).at(-1)).toMatchObject({ cause: 'timeout' });
  });

  it('when the configuration deactivates the officer, with an event (cause removed)', async () => {
    kiosk = await demoCore();
    kiosk.core.db.transaction(() =>
      kiosk!.core.config.applyConfig(
        {
          ...DEMO_CONFIG,
          version: 2,
          officers: DEMO_CONFIG.officers.map((o) => (o.id === 'cb-001' ? { ...o, active: false } : o)),
        },
        () => kiosk!.core.duty.endRemoved(),
      ),
    )();
    expect(kiosk.core.state().officer).toBeNull();
    expect(signOuts(kiosk)).toEqual([expect.objectContaining({ officerId: 'cb-001', cause: 'removed' })]);
  });

  it('a sign-in after the end of the day (overtime) ends at midnight, never the next day', () => {
    const at1800 = Date.parse('2026-11-28T18:00:00+07:00');
    expect(new Date(dutyEndsAt(at1800, '17:30')).toISOString()).toBe('2026-11-28T17:00:00.000Z');
    const at0800 = Date.parse('2026-11-28T08:00:00+07:00');
    expect(new Date(dutyEndsAt(at0800, '17:30')).toISOString()).toBe('2026-11-28T10:30:00.000Z');
  });
});

describe('the rating window of a finished ticket', () => {
  it('survives a kiosk restart: the tap after the restart rates that ticket', async () => {
    kiosk = await demoCore();
    const ticket = await kiosk.core.handlers['queue:takeNumber']({
      serviceId: kiosk.core.state().queue.services[0]!.id,
    });
    await kiosk.core.handlers['queue:callNext']({});
    await kiosk.core.handlers['queue:start']({ ticketId: ticket.ticketId });
    await kiosk.core.handlers['queue:finish']({ ticketId: ticket.ticketId });
    kiosk.core.close();

    kiosk.clock.advance(10_000);
    const restarted = new KioskCore({ dataDir: kiosk.dir, now: kiosk.clock.now });
    kiosk.core = restarted;
    expect(restarted.state().queue.ratingRequest?.ticketId).toBe(ticket.ticketId);
    await restarted.handlers['ratings:submit']({ level: 'tot' });
    const rated = restarted.db
      .prepare<[], { ticket_id: string | null }>('SELECT ticket_id FROM ratings ORDER BY occurred_at DESC LIMIT 1')
      .get();
    expect(rated?.ticket_id).toBe(ticket.ticketId);
  });
});
