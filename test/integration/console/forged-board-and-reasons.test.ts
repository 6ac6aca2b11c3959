import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardSnapshot, RatingsStats } from '../../../shared/contract/console-api.ts';
import { BACKENDS, enrollDevice, startTestServer, sync, type SyncBody, type TestServer } from '../server/support.ts';
import { KioskEvents } from './console-fixtures.ts';

const NOW = new Date('2026-11-28T05:00:00Z');

// Issue 9 item 11: what a device token sends is held to the centre's configuration before the
// public board shows it or the console counts it.
describe.each(BACKENDS)('forged numbers and reason codes on %s', (backend) => {
  let s: TestServer;
  let base: string;
  let kiosk: { deviceId: string; token: string };
  let q1: KioskEvents;
  beforeEach(async () => {
    s = await startTestServer(backend, { demo: true, now: () => NOW });
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    base = `http://127.0.0.1:${address.port}`;
    kiosk = await enrollDevice(s.app, s.admin, 'Kiosk quầy 1');
    q1 = new KioskEvents('q-1', 'cb-001', 'ag-11', () => NOW);
  });
  afterEach(async () => s.close());

  const board = async () => (await (await fetch(`${base}/api/v1/board/calls`)).json()) as BoardSnapshot;

  it('shows on the board only numbers its service prints', async () => {
    const at = (minute: number) => new Date(NOW.getTime() - (30 - minute) * 60_000);
    const honest = q1.issue('1007', 'dv-chung-thuc', at(0));
    const forged = ['9999999999999999', 'XIN CHAO 1234', '01008', 'A1009'].map((number, i) =>
      q1.issue(number, 'dv-chung-thuc', at(1 + i)),
    );
    const body = (
      await sync(s.app, kiosk.token, [
        q1.signIn(at(0)),
        honest.event,
        ...forged.map((t) => t.event),
        q1.call(honest.ticketId, at(10)),
        ...forged.map((t, i) => q1.call(t.ticketId, at(11 + i))),
      ])
    ).json<SyncBody>();
    // Kept on the server (nothing lost) …
    expect(body.rejected).toEqual([]);
    // … but the public screen shows only the real number, still the counter's current call.
    const snapshot = await board();
    expect(snapshot.recent.map((c) => c.number)).toEqual(['1007']);
    expect(snapshot.current.map((c) => [c.counterNumber, c.number])).toEqual([[1, '1007']]);
  });

  it('counts only configured reason codes, once per rating', async () => {
    const body = (
      await sync(s.app, kiosk.token, [
        q1.signIn(),
        q1.rate('kem', { reasons: ['cho_lau', 'cho_lau', 'cho_lau', 'khong_co_that', 'bia_dat'] }),
        q1.rate('kem', { reasons: ['thai_do'] }),
      ])
    ).json<SyncBody>();
    expect(body.rejected).toEqual([]);
    const res = await fetch(`${base}/api/v1/console/ratings?from=2026-11-28&to=2026-11-28`, {
      headers: { authorization: `Bearer ${s.admin}` },
    });
    expect(res.status).toBe(200);
    const stats = (await res.json()) as RatingsStats;
    expect(stats.reasons.map((r) => [r.code, r.count]).sort()).toEqual([
      ['cho_lau', 1],
      ['thai_do', 1],
    ]);
  });
});
