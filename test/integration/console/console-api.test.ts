import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertsReport, BoardSnapshot, RatingsStats, TodaySnapshot } from '../../../shared/contract/console-api.ts';
import {
  createUserWithOwnPassword,
  BACKENDS,
  auth,
  enrollDevice,
  login,
  startTestServer,
  sync,
  type TestServer,
} from '../server/support.ts';
import { KioskEvents, SseReader } from './console-fixtures.ts';
import { reconcileAggregates } from '../../../server/aggregates/reconcile.ts';

const minutes = (n: number) => n * 60_000;
// The server's clock, fixed at noon in Vietnam: events "20 minutes ago" stay on the same day
// whenever the suite runs (with the real clock it failed between 00:00 and 00:22 Vietnam time).
const NOW = new Date('2026-11-28T05:00:00Z');

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

describe.each(BACKENDS)('console API on %s', (backend) => {
  let s: TestServer;
  let kiosk: { deviceId: string; token: string };
  let q1: KioskEvents;
  beforeEach(async () => {
    s = await startTestServer(backend, { demo: true, now: () => NOW });
    kiosk = await enrollDevice(s.app, s.admin, 'Kiosk quầy 1');
    // Demo officer cb-001 (Nguyễn Thị Hồng Nhung, Sở Tư pháp) at counter q-1.
    q1 = new KioskEvents('q-1', 'cb-001', 'ag-11', () => NOW);
  });
  afterEach(async () => s.close());

  const get = async <T>(url: string, token = s.admin) => {
    const res = await s.app.inject({ url, headers: auth(token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  it('shows each counter live: officer on duty, number being served, people waiting, kiosk online', async () => {
    const t0 = NOW.getTime() - minutes(20);
    const a = q1.issue('1001', 'dv-chung-thuc', new Date(t0));
    const b = q1.issue('1002', 'dv-chung-thuc', new Date(t0 + minutes(1)));
    const c = q1.issue('1003', 'dv-chung-thuc', new Date(t0 + minutes(2)));
    const res = await sync(s.app, kiosk.token, [
      q1.signIn(new Date(t0 - minutes(5))),
      a.event,
      b.event,
      c.event,
      q1.call(a.ticketId, new Date(t0 + minutes(3))),
      q1.rate('tot', { at: new Date(t0 + minutes(4)) }),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const today = await get<TodaySnapshot>('/api/v1/console/today');
    const counter = today.counters.find((x) => x.counterId === 'q-1')!;
    expect(counter.officer?.fullName).toBe('Nguyễn Thị Hồng Nhung');
    expect(counter.current).toMatchObject({ number: '1001', status: 'called' });
    expect(counter.waiting).toBe(2);
    expect(counter.issuedToday).toBe(3);
    expect(counter.ratingsToday).toBe(1);
    expect(counter.kiosk).toMatchObject({ name: 'Kiosk quầy 1', online: true });
    expect(today.totals).toMatchObject({ issued: 3, waiting: 2, ratings: 1 });
    expect(today.counters.find((x) => x.counterId === 'q-2')).toMatchObject({ officer: null, kiosk: null, waiting: 0 });
  });

  it("counts each counter's day as running totals that equal the base rows, a resent batch counted once", async () => {
    const t0 = NOW.getTime() - minutes(30);
    const times = (i: number) => ({
      issuedAt: new Date(t0 + minutes(i)),
      calledAt: new Date(t0 + minutes(i + 1)),
      startedAt: new Date(t0 + minutes(i + 2)),
      finishedAt: new Date(t0 + minutes(i + 3)),
    });
    const a = q1.issue('1001', 'dv-chung-thuc', new Date(t0));
    const b = q1.issue('1002', 'dv-chung-thuc', new Date(t0 + minutes(4)));
    const batch = [
      q1.signIn(new Date(t0 - minutes(5))),
      a.event,
      b.event,
      q1.call(a.ticketId, times(0).calledAt),
      q1.start(a.ticketId, times(0).startedAt),
      q1.finish({ ticketId: a.ticketId, number: '1001', serviceId: 'dv-chung-thuc' }, times(0)),
      q1.rate('tot', { at: new Date(t0 + minutes(4)), ticketId: a.ticketId }),
      q1.call(b.ticketId, times(4).calledAt),
      q1.start(b.ticketId, times(4).startedAt),
      q1.finish({ ticketId: b.ticketId, number: '1002', serviceId: 'dv-chung-thuc' }, times(4)),
      // A walk-up press flagged as misuse is kept, but not counted as a rating.
      q1.rate('kem', { at: new Date(t0 + minutes(9)), misuse: true }),
    ];
    expect((await sync(s.app, kiosk.token, batch)).statusCode).toBe(200);
    // The kiosk did not hear the answer and sends the same batch again.
    expect((await sync(s.app, kiosk.token, batch)).json<{ duplicates: string[] }>().duplicates).toHaveLength(
      batch.length,
    );
    const today = await get<TodaySnapshot>('/api/v1/console/today');
    expect(today.counters.find((x) => x.counterId === 'q-1')).toMatchObject({
      issuedToday: 2,
      servedToday: 2,
      ratingsToday: 1,
    });
    expect(today.totals).toMatchObject({ issued: 2, served: 2, ratings: 1 });
    // The totals the page read are exactly what counting the base rows gives.
    const { differences } = await reconcileAggregates(s.app.hailong.db, backend, false);
    expect(differences).toEqual([]);
    expect(
      await s.app.hailong.db.selectFrom('counter_daily').select(['counter_id', 'served', 'rated']).execute(),
    ).toEqual([{ counter_id: 'q-1', served: 2, rated: 1 }]);
  });

  it('pushes a fresh Today snapshot on the stream after a kiosk syncs', async () => {
    const base = await listen(s.app);
    const response = await fetch(`${base}/api/v1/console/today/stream`, { headers: auth(s.admin) });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const stream = new SseReader(response.body!);
    try {
      const first = await stream.next<TodaySnapshot>('today');
      expect(first.totals.ratings).toBe(0);
      await sync(s.app, kiosk.token, [q1.signIn(), q1.rate('kha'), q1.rate('tot')]);
      const next = await stream.next<TodaySnapshot>('today', 3_000);
      expect(next.totals.ratings).toBe(2);
      expect(next.counters.find((x) => x.counterId === 'q-1')?.officer?.fullName).toBe('Nguyễn Thị Hồng Nhung');
    } finally {
      await stream.cancel();
    }
  });

  it('summarises ratings over a period: by time, agency, officer, coverage, reasons, wait and service', async () => {
    const q2 = new KioskEvents('q-2', 'cb-002', 'ag-11', () => NOW);
    const day = (d: string, hh = '09') => new Date(`${d}T${hh}:00:00+07:00`);
    const served = (k: KioskEvents, number: string, d: string, rate?: string) => {
      const t = k.issue(number, 'dv-chung-thuc', day(d, '08'));
      const calledAt = new Date(day(d, '08').getTime() + minutes(10));
      const startedAt = new Date(calledAt.getTime() + minutes(1));
      const finishedAt = new Date(startedAt.getTime() + minutes(5));
      const events: object[] = [
        t.event,
        k.finish(
          { ticketId: t.ticketId, number, serviceId: 'dv-chung-thuc' },
          { issuedAt: day(d, '08'), calledAt, startedAt, finishedAt },
        ),
      ];
      if (rate)
        events.push(
          k.rate(rate, { at: finishedAt, ticketId: t.ticketId, ...(rate === 'kem' ? { reasons: ['cho_lau'] } : {}) }),
        );
      return events;
    };
    const events = [
      ...served(q1, '1001', '2026-01-05', 'tot'),
      ...served(q1, '1002', '2026-01-06', 'tot'),
      ...served(q1, '1003', '2026-02-10', 'kem'),
      ...served(q1, '1004', '2026-02-11', 'kha'),
      ...served(q2, '2001', '2026-03-02', 'tot'),
      ...served(q2, '2002', '2026-03-03'),
      ...served(q2, '2003', '2026-03-04'),
      ...served(q2, '2004', '2026-03-05'),
      q1.rate('trung_binh', { at: day('2026-03-20'), reasons: ['cho_lau', 'thai_do'] }),
      q1.rate('tot', { at: day('2026-03-21'), misuse: true }),
    ];
    expect((await sync(s.app, kiosk.token, events)).json<{ rejected: unknown[] }>().rejected).toEqual([]);

    const stats = await get<RatingsStats>('/api/v1/console/ratings?from=2026-01-01&to=2026-06-30');
    expect(stats.granularity).toBe('month');
    expect(stats.series.map((b) => b.label)).toEqual([
      'T1/2026',
      'T2/2026',
      'T3/2026',
      'T4/2026',
      'T5/2026',
      'T6/2026',
    ]);
    expect(stats.series.map((b) => b.counts)).toEqual([
      [2, 0, 0, 0],
      [0, 1, 0, 1],
      [1, 0, 1, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    // Agencies with officers on the roster are listed even with no rating, in the official order.
    expect(stats.byAgency.find((a) => a.agencyId === 'ag-11')).toEqual({
      agencyId: 'ag-11',
      agencyName: 'Sở Tư pháp',
      counts: [3, 1, 1, 1],
      total: 6,
    });
    expect(stats.byAgency.filter((a) => a.agencyId !== 'ag-11').every((a) => a.total === 0)).toBe(true);
    expect(stats.byAgency.map((a) => a.agencyId)).toEqual([
      'ag-01',
      'ag-04',
      'ag-10',
      'ag-11',
      'ag-14',
      'ag-16',
      'ag-17',
    ]);
    const nhung = stats.byOfficer.find((o) => o.officerId === 'cb-001')!;
    const duc = stats.byOfficer.find((o) => o.officerId === 'cb-002')!;
    expect(nhung).toMatchObject({ ticketsServed: 4, ticketRatings: 4, coveragePercent: 100, total: 5 });
    expect(duc).toMatchObject({ ticketsServed: 4, ticketRatings: 1, coveragePercent: 25, total: 1 });
    // Four tickets each say too little to single anyone out (the funnel's rule, OUTLIER_MIN_SERVED).
    expect(stats.lowestCoverageOfficerId).toBeNull();
    expect(nhung.averageWaitSeconds).toBe(600);
    expect(nhung.averageServiceSeconds).toBe(300);
    expect(stats.reasons).toEqual([
      { code: 'cho_lau', label: 'Chờ đợi lâu', count: 2 },
      { code: 'thai_do', label: 'Thái độ chưa tốt', count: 1 },
    ]);
    expect(stats.totals).toMatchObject({ total: 6, ticketsServed: 8, misuseExcluded: 1, averageWaitSeconds: 600 });

    const one = await get<RatingsStats>('/api/v1/console/ratings?from=2026-02-01&to=2026-02-28&officerId=cb-001');
    expect(one.granularity).toBe('day');
    expect(one.series).toHaveLength(28);
    expect(one.series.find((b) => b.start === '2026-02-10')?.counts).toEqual([0, 0, 0, 1]);
    expect(one.totals.total).toBe(2);

    const bad = await s.app.inject({
      url: '/api/v1/console/ratings?from=2026-03-01&to=2026-02-01',
      headers: auth(s.admin),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toContain('Ngày bắt đầu');
  });

  it('lists officers whose low ratings or low coverage cross the thresholds, with the numbers', async () => {
    const events: object[] = [];
    for (let i = 0; i < 6; i += 1)
      events.push(q1.rate(i < 2 ? 'kem' : 'tot', { at: new Date(NOW.getTime() - minutes(30 + i)) }));
    await sync(s.app, kiosk.token, events);
    const report = await get<AlertsReport>(
      '/api/v1/console/alerts?days=7&lowSharePercent=25&coveragePercent=10&minRatings=5',
    );
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ officerId: 'cb-001', ratings: 6, lowRatings: 2, reasons: ['low_share'] });
    expect(report.rows[0]!.lowSharePercent).toBeCloseTo(33.33, 1);
    const calm = await get<AlertsReport>(
      '/api/v1/console/alerts?days=7&lowSharePercent=50&coveragePercent=10&minRatings=5',
    );
    expect(calm.rows).toEqual([]);
  });

  it('gives the board only public call data, live after a kiosk syncs a call', async () => {
    const base = await listen(s.app);
    const response = await fetch(`${base}/api/v1/board/stream`);
    expect(response.status).toBe(200);
    const stream = new SseReader(response.body!);
    try {
      expect(await stream.next<BoardSnapshot>('snapshot')).toEqual({ current: [], recent: [] });
      const t = q1.issue('1007', 'dv-chung-thuc');
      await sync(s.app, kiosk.token, [
        q1.signIn(),
        t.event,
        q1.call(t.ticketId),
        q1.rate('kem', { reasons: ['thai_do'] }),
      ]);
      const call = await stream.next<Record<string, unknown>>('call', 3_000);
      expect(Object.keys(call).sort()).toEqual(['calledAt', 'counterName', 'counterNumber', 'number']);
      expect(call).toMatchObject({ counterNumber: 1, counterName: 'Quầy số 1', number: '1007' });
      expect(stream.seen()).not.toContain('Nguyễn');
      expect(stream.seen()).not.toContain('kem');
    } finally {
      await stream.cancel();
    }
    const snapshot = await s.app.inject({ url: '/api/v1/board/calls' });
    expect(snapshot.statusCode).toBe(200);
    expect(snapshot.json<BoardSnapshot>().current).toEqual([
      expect.objectContaining({ counterNumber: 1, number: '1007' }),
    ]);
    expect(snapshot.body).not.toContain('cb-001');
  });
});

describe('console security (sqlite)', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer('sqlite', { demo: true });
  });
  afterEach(async () => s.close());

  it('checks roles: a supervisor reads the console but cannot manage users; no session, no data', async () => {
    await createUserWithOwnPassword(s.app, s.admin, {
      username: 'giamsat',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
    });
    const supervisor = await login(s.app, 'giamsat', 'mat-khau-giam-sat');
    for (const url of [
      '/api/v1/console/today',
      '/api/v1/console/ratings?from=2026-01-01&to=2026-01-31',
      '/api/v1/console/alerts',
    ]) {
      expect((await s.app.inject({ url, headers: auth(supervisor) })).statusCode).toBe(200);
      expect((await s.app.inject({ url })).statusCode).toBe(401);
    }
    expect((await s.app.inject({ url: '/api/v1/users', headers: auth(supervisor) })).statusCode).toBe(403);
    expect(
      (
        await s.app.inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: auth(supervisor),
          payload: { username: 'khac', password: 'mat-khau-khac-123', role: 'admin' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('needs the CSRF header for a cookie write, and hands the token back to a reloaded page', async () => {
    const loginRes = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'mat-khau-quan-tri-thu' },
    });
    const cookie = loginRes.headers['set-cookie'];
    const cookieHeader = (Array.isArray(cookie) ? cookie[0]! : cookie!).split(';')[0]!;
    const session = await s.app.inject({ url: '/api/v1/console/session', headers: { cookie: cookieHeader } });
    expect(session.json<{ csrfToken: string }>().csrfToken).toBe(loginRes.json<{ csrfToken: string }>().csrfToken);
    const body = { days: 14, lowSharePercent: 20, coveragePercent: 40, minRatings: 3 };
    const without = await s.app.inject({
      method: 'PUT',
      url: '/api/v1/console/alert-settings',
      headers: { cookie: cookieHeader },
      payload: body,
    });
    expect(without.statusCode).toBe(403);
    const withToken = await s.app.inject({
      method: 'PUT',
      url: '/api/v1/console/alert-settings',
      headers: { cookie: cookieHeader, 'x-hailong-csrf': session.json<{ csrfToken: string }>().csrfToken },
      payload: body,
    });
    expect(withToken.statusCode).toBe(200);
    expect(
      (await s.app.inject({ url: '/api/v1/console/alerts', headers: auth(s.admin) })).json<AlertsReport>().settings,
    ).toEqual(body);
  });

  it('describes its endpoints in the OpenAPI document, the board as public', async () => {
    const doc = (await s.app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    for (const path of [
      '/api/v1/console/today',
      '/api/v1/console/ratings',
      '/api/v1/console/alerts',
      '/api/v1/board/stream',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('serves the console and the board with strict security headers and nothing outside the assets', async () => {
    const page = await s.app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    // Built by `npm run build`; without it the server says so in Vietnamese.
    expect([200, 503]).toContain(page.statusCode);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const board = await s.app.inject({ url: '/board' });
    expect(board.headers['content-security-policy']).toContain("default-src 'self'");
    for (const url of ['/assets/..%2Fconsole%2Findex.html', '/assets/.hidden', '/assets/khong-co.js']) {
      expect((await s.app.inject({ url })).statusCode).toBe(404);
    }
  });
});
