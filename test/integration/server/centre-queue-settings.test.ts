import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardSnapshot, TodaySnapshot } from '../../../shared/contract/console-api.ts';
import type { PhoneTicketStatus } from '../../../shared/contract/phone-rating.ts';
import { QUEUE_PATHS } from '../../../shared/contract/queue-sync.ts';
import { KioskEvents, SseReader } from '../console/console-fixtures.ts';
import { BACKENDS, auth, enrollDevice, startTestServer, sync, type TestServer } from './support.ts';

/**
 * Issue 13 §1: a centre's own queue setup and duty limits rule its queue, its board, its phone
 * page and its counters on Today. Centre B serves the service `dv-chung` at its own counter, with
 * its own numbering (X001…X999), a one-hour phone rating window and an 11:00 end of day; the
 * province's `dv-chung` is served at the first centre's counter with numbers 1001…1999.
 */
const NOW = new Date('2026-11-28T05:00:00Z'); // 12:00 in Vietnam
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const service = (counterId: string, numbering: object, name: string) => ({
  id: 'dv-chung',
  name,
  counterIds: [counterId],
  step: 1,
  dailyCap: 999,
  order: 1,
  ...numbering,
});

async function send(app: FastifyInstance, token: string, method: string, url: string, payload?: object) {
  const res = await app.inject({ method: method as 'PUT', url, headers: auth(token), ...(payload && { payload }) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res;
}

describe.each(BACKENDS)("a centre's own queue setup and duty limits on %s", (backend) => {
  let s: TestServer;
  let centreB: { id: number; code: string };
  let kioskA: { token: string };
  let kioskB: { deviceId: string; token: string };
  let kA: KioskEvents;
  let kB: KioskEvents;

  beforeEach(async () => {
    s = await startTestServer(backend, { now: () => NOW });
    centreB = (await send(s.app, s.admin, 'POST', '/api/v1/centres', { code: 'xa-b', name: 'Một cửa xã B' })).json();
    await send(s.app, s.admin, 'POST', '/api/v1/counters', { id: 'q-a', number: 1, name: 'Quầy tỉnh' });
    await send(s.app, s.admin, 'POST', '/api/v1/counters', {
      id: 'q-b',
      number: 1,
      name: 'Quầy xã',
      centreId: centreB.id,
    });
    const officer = async (fullName: string, centreId?: number) =>
      (
        await send(s.app, s.admin, 'POST', '/api/v1/officers', {
          fullName,
          agencyId: 'ag-01',
          ...(centreId !== undefined && { centreId }),
        })
      ).json<{ id: string }>().id;
    kA = new KioskEvents('q-a', await officer('Lê Thị Tỉnh'), 'ag-01', () => NOW);
    kB = new KioskEvents('q-b', await officer('Hoàng Văn Xã', centreB.id), 'ag-01', () => NOW);
    await send(
      s.app,
      s.admin,
      'PUT',
      '/api/v1/services/dv-chung',
      service('q-a', { prefix: '', start: 1001, end: 1999 }, 'Chứng thực'),
    );
    const atB = `centreId=${centreB.id}`;
    await send(
      s.app,
      s.admin,
      'PUT',
      `/api/v1/services/dv-chung?${atB}`,
      service('q-b', { prefix: 'X', start: 1, end: 999 }, 'Hộ tịch xã B'),
    );
    const options = (await send(s.app, s.admin, 'GET', `/api/v1/queue-options?${atB}`)).json<object>();
    await send(s.app, s.admin, 'PUT', `/api/v1/queue-options?${atB}`, { ...options, phoneRatingHours: 1 });
    await send(s.app, s.admin, 'PUT', `/api/v1/centre/duty?${atB}`, { endOfDay: '11:00', idleMinutes: 120 });
    kioskA = await enrollDevice(s.app, s.admin, 'Kiosk tỉnh');
    kioskB = await enrollDevice(s.app, s.admin, 'Kiosk xã B', centreB.id);
  });
  afterEach(async () => s.close());

  /** A ticket taken at B's entrance: any counter serving B's `dv-chung` may call it. */
  function unpinnedAtB(number: string, at: Date, ratingToken?: string) {
    const issued = kB.issue(number, 'dv-chung', at);
    return {
      ticketId: issued.ticketId,
      event: { ...issued.event, pinned: false, ...(ratingToken && { ratingToken }) },
    };
  }

  async function stored(events: object[], token = kioskB.token) {
    const res = await sync(s.app, token, events);
    expect(res.json<{ rejected: unknown[] }>().rejected).toEqual([]);
  }

  it("lets B's counter claim and stream B's tickets, and shows B's numbers on B's board", async () => {
    // The stream of a second kiosk at B's counter (a kiosk's own tickets are not sent back to it).
    const counterKiosk = await enrollDevice(s.app, s.admin, 'Kiosk quầy xã B', centreB.id);
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    const response = await fetch(`http://127.0.0.1:${address.port}${QUEUE_PATHS.stream}?counterId=q-b`, {
      headers: auth(counterKiosk.token),
    });
    expect(response.status).toBe(200);
    const stream = new SseReader(response.body!);
    try {
      const first = unpinnedAtB('X001', minutesAgo(10));
      await stored([first.event]);
      const tickets = await stream.next<{ ticketId: string }[]>('tickets', 8_000);
      expect(tickets.map((t) => t.ticketId)).toEqual([first.ticketId]);

      const claim = await s.app.inject({
        method: 'POST',
        url: QUEUE_PATHS.claim,
        headers: auth(counterKiosk.token),
        payload: { ticketId: first.ticketId, counterId: 'q-b' },
      });
      expect(claim.statusCode, claim.body).toBe(200);
      expect(claim.json()).toMatchObject({ granted: true });
    } finally {
      await stream.cancel();
    }

    // B's board shows B's number X002 at B's counter.
    const second = unpinnedAtB('X002', minutesAgo(9));
    await stored([second.event, kB.call(second.ticketId, minutesAgo(1))]);
    const board = await s.app.inject({ url: `/api/v1/board/calls?centre=${centreB.code}` });
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json<BoardSnapshot>().current).toMatchObject([{ counterName: 'Quầy xã', number: 'X002' }]);
  });

  it("gives the phone page B's service name and B's one-hour rating window", async () => {
    const token = 'AAAAAAAAAAAAAAAAAAAAAA';
    const ticket = unpinnedAtB('X003', minutesAgo(180), token);
    const times = { issuedAt: minutesAgo(180), calledAt: minutesAgo(170), startedAt: minutesAgo(165) };
    await stored([
      ticket.event,
      kB.signIn(minutesAgo(175)),
      kB.call(ticket.ticketId, minutesAgo(170)),
      kB.finish(
        { ticketId: ticket.ticketId, number: 'X003', serviceId: 'dv-chung' },
        { ...times, finishedAt: minutesAgo(120) },
      ),
    ]);
    const status = (await s.app.inject({ url: `/api/v1/phone/${token}` })).json<PhoneTicketStatus>();
    expect(status).toMatchObject({ state: 'done', serviceName: 'Hộ tịch xã B', canRate: false });
    const rate = await s.app.inject({
      method: 'POST',
      url: `/api/v1/phone/${token}/rating`,
      payload: { level: 'tot' },
    });
    expect(rate.statusCode, rate.body).toBe(409);
    expect(rate.json<{ error: { message: string } }>().error.message).toBe('Đã hết thời gian đánh giá cho số X003.');
  });

  it("shows each counter on Today with its own centre's services and end of day", async () => {
    // Both officers signed in at 08:00; B's day ended at 11:00, the province's ends at 17:30.
    await stored([kA.signIn(minutesAgo(240))], kioskA.token);
    await stored([kB.signIn(minutesAgo(240)), unpinnedAtB('X004', minutesAgo(30)).event]);
    const today = async (query = '') =>
      (await send(s.app, s.admin, 'GET', `/api/v1/console/today${query}`)).json<TodaySnapshot>();
    const counter = (snapshot: TodaySnapshot, id: string) => snapshot.counters.find((c) => c.counterId === id)!;

    const every = await today();
    expect(counter(every, 'q-a').officer?.fullName).toBe('Lê Thị Tỉnh');
    expect(counter(every, 'q-b').officer).toBeNull();
    // The unpinned ticket waits at the counter serving B's `dv-chung`, not the province's.
    expect(counter(every, 'q-b').waiting).toBe(1);
    expect(counter(every, 'q-a').waiting).toBe(0);
    // The day's issued tickets are counted where they were issued (issued_daily per centre).
    expect([counter(every, 'q-a').issuedToday, counter(every, 'q-b').issuedToday]).toEqual([0, 1]);

    const onlyB = await today(`?centre=${centreB.code}`);
    expect(counter(onlyB, 'q-b')).toMatchObject({ officer: null, waiting: 1, issuedToday: 1 });
  });
});
