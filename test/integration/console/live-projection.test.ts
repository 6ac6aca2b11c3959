import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { BoardSnapshot, TodaySnapshot } from '../../../shared/contract/console-api.ts';
import { vietnamDay, vietnamDayRange } from '../../../shared/domain/vietnam-time.ts';
import { startCentre, type CentreServer } from '../queue/centre-support.ts';
import { BACKENDS, auth, enrollDevice, sync, type SyncBody } from '../server/support.ts';

/** Events as one kiosk sends them, numbered in its own sequence. */
class Device {
  private seq = 0;
  constructor(readonly token: string) {}
  event(type: string, ms: number, fields: Record<string, unknown>) {
    this.seq += 1;
    return { id: uuidv7(), seq: this.seq, type, occurredAt: new Date(ms).toISOString(), ...fields };
  }
}

// The Today page and the board read the queue projection written at ingest (issue 12 §1): this
// sends a centre's morning through the real sync route, from several kiosks, an entrance
// included, with a transfer, a recall and a resent batch, and reads both pages back.
describe.each(BACKENDS)('live pages from the queue projection on %s', (backend) => {
  let centre: CentreServer;
  beforeEach(async () => {
    centre = await startCentre(backend);
  });
  afterEach(async () => centre.close());

  it('counts, shows and announces a centre’s morning exactly, whatever kiosk sent what', async () => {
    const { app, admin } = centre;
    const entrance = new Device((await enrollDevice(app, admin, 'Kiosk sảnh')).token);
    const k1 = new Device((await enrollDevice(app, admin, 'Kiosk quầy 1')).token);
    const k2 = new Device((await enrollDevice(app, admin, 'Kiosk quầy 2')).token);
    const k3 = new Device((await enrollDevice(app, admin, 'Kiosk quầy 3')).token);
    // Twenty minutes ago, or just after midnight Vietnam time if the day is younger than that.
    const now = Date.now();
    const today = vietnamDay(new Date(now));
    const t0 = Math.max(now - 20 * 60_000, vietnamDayRange(today, today).start.getTime() + 1_000);
    const at = (seconds: number) => t0 + seconds * 1_000;
    const agencyId = (await app.hailong.db.selectFrom('officers').select('agency_id').executeTakeFirstOrThrow())
      .agency_id;
    const duty = (d: Device, n: number) =>
      d.event('officer.signed_in', at(0), { officerId: `cb-${n}`, agencyId, counterId: `q-${n}` });
    const ids = {
      t1001: uuidv7(),
      t1002: uuidv7(),
      t1003: uuidv7(),
      t3001: uuidv7(),
      t5001: uuidv7(),
      moved: uuidv7(),
    };
    const issue = (
      d: Device,
      s: number,
      ticketId: string,
      number: string,
      serviceId: string,
      counterId: string,
      pinned: boolean,
    ) =>
      d.event('ticket.issued', at(s), { ticketId, number, serviceId, counterId, ...(pinned ? {} : { pinned: false }) });
    const officer = (n: number) => ({ counterId: `q-${n}`, officerId: `cb-${n}` });

    const fromEntrance = [
      issue(entrance, 1, ids.t1001, '1001', 'dv-tu-phap', 'q-1', false),
      issue(entrance, 2, ids.t1002, '1002', 'dv-tu-phap', 'q-1', false),
      issue(entrance, 3, ids.t1003, '1003', 'dv-tu-phap', 'q-1', false),
      issue(entrance, 4, ids.t3001, '3001', 'dv-dat-dai', 'q-3', false),
    ];
    const fromK2 = [
      duty(k2, 2),
      k2.event('ticket.called', at(10), { ticketId: ids.t1001, ...officer(2), agencyId }),
      k2.event('ticket.started', at(20), { ticketId: ids.t1001, ...officer(2), agencyId }),
      k2.event('ticket.transferred', at(30), {
        ticketId: ids.t1001,
        toServiceId: 'dv-dat-dai',
        newTicketId: ids.moved,
      }),
    ];
    const fromK1 = [
      duty(k1, 1),
      issue(k1, 5, ids.t5001, '5001', 'dv-quay-1', 'q-1', true),
      k1.event('ticket.called', at(40), { ticketId: ids.t5001, ...officer(1), agencyId }),
      k1.event('ticket.recalled', at(60), { ticketId: ids.t5001, ...officer(1) }),
    ];
    const fromK3 = [duty(k3, 3), k3.event('ticket.called', at(50), { ticketId: ids.moved, ...officer(3), agencyId })];
    for (const [device, events] of [
      [entrance, fromEntrance],
      [k2, fromK2],
      [k1, fromK1],
      [k3, fromK3],
      // A kiosk that never got its acknowledgement sends the same batch again.
      [k1, fromK1],
    ] as const) {
      const res = await sync(app, device.token, [...events]);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<SyncBody>().rejected).toEqual([]);
    }

    const page = (await app.inject({ url: '/api/v1/console/today', headers: auth(admin) })).json<TodaySnapshot>();
    const counter = (n: number) => page.counters.find((c) => c.counterId === `q-${n}`)!;
    // 1001–1003 wait for the first counter serving their service until called; 3001 for q-3.
    expect(counter(1)).toMatchObject({
      issuedToday: 4,
      waiting: 2,
      current: { number: '5001', status: 'called', since: new Date(at(60)).toISOString() },
      officer: { id: 'cb-1' },
      kiosk: { name: 'Kiosk quầy 1' },
    });
    expect(counter(2)).toMatchObject({ issuedToday: 0, waiting: 0, current: null, kiosk: { name: 'Kiosk quầy 2' } });
    // The transferred citizen keeps number 1001, now called at counter 3.
    expect(counter(3)).toMatchObject({ issuedToday: 1, waiting: 1, current: { number: '1001', status: 'called' } });
    expect(page.totals).toMatchObject({ issued: 5, waiting: 3 });
    // The entrance stands at no counter.
    expect(page.counters.map((c) => c.kiosk?.name)).not.toContain('Kiosk sảnh');

    const board = (await app.inject({ url: '/api/v1/board/calls' })).json<BoardSnapshot>();
    expect(board.current).toEqual([
      { counterNumber: 1, counterName: 'Quầy 1', number: '5001', calledAt: new Date(at(60)).toISOString() },
      { counterNumber: 2, counterName: 'Quầy 2', number: '1001', calledAt: new Date(at(10)).toISOString() },
      { counterNumber: 3, counterName: 'Quầy 3', number: '1001', calledAt: new Date(at(50)).toISOString() },
    ]);
    // Newest first; the resent batch did not add its call and recall twice.
    expect(board.recent.map((c) => `${c.counterNumber}:${c.number}`)).toEqual(['1:5001', '3:1001', '1:5001', '2:1001']);
  });
});
