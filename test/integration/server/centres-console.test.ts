import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveAlertsList } from '../../../shared/contract/centre-settings.ts';
import type { RatingsStats, TodaySnapshot } from '../../../shared/contract/console-api.ts';
import { KioskEvents, SseReader } from '../console/console-fixtures.ts';
import { BACKENDS, auth, enrollDevice, firstLogin, startTestServer, sync, type TestServer } from './support.ts';

/**
 * Issue 13 §1: the console's pages filter by centre. A centre's supervisor reads only their
 * centre (200, not 403); a province admin reads every centre, or one with `?centre=<code>`.
 */
const NOW = new Date('2026-11-28T05:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const PERIOD = 'from=2026-11-01&to=2026-11-30';

async function created<T>(app: FastifyInstance, token: string, url: string, payload: object): Promise<T> {
  const res = await app.inject({ method: 'POST', url, headers: auth(token), payload });
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

/** A ticket issued, served and rated at the kiosk's counter, with its dossier code. */
function servedAndRated(k: KioskEvents, number: string, dossierCode: string, level: string) {
  const issuedAt = minutesAgo(30);
  const t = k.issue(number, 'dv-chung', issuedAt);
  const times = { issuedAt, calledAt: minutesAgo(25), startedAt: minutesAgo(24), finishedAt: minutesAgo(20) };
  return [
    t.event,
    { ...k.finish({ ticketId: t.ticketId, number, serviceId: 'dv-chung' }, times), dossierCode },
    { ...k.rate(level, { at: minutesAgo(19), ticketId: t.ticketId }), dossierCode },
  ];
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

describe.each(BACKENDS)('console pages per centre on %s', (backend) => {
  let s: TestServer;
  let codeA: string;
  let codeB: string;
  let supervisorA: string;
  let kA: KioskEvents;
  let kB: KioskEvents;
  let kioskA: { token: string };
  let kioskB: { token: string };
  const get = async (token: string, url: string) => s.app.inject({ url, headers: auth(token) });

  beforeEach(async () => {
    s = await startTestServer(backend, { now: () => NOW });
    const first = (await get(s.admin, '/api/v1/centres')).json<{ id: number; code: string }[]>()[0]!;
    const second = await created<{ id: number; code: string }>(s.app, s.admin, '/api/v1/centres', {
      code: 'xa-tan-an',
      name: 'Bộ phận một cửa xã Tân An',
    });
    [codeA, codeB] = [first.code, second.code];
    await created(s.app, s.admin, '/api/v1/counters', { id: 'q-a', number: 1, name: 'Quầy tỉnh' });
    await created(s.app, s.admin, '/api/v1/counters', { id: 'q-b', number: 1, name: 'Quầy xã', centreId: second.id });
    const officerA = await created<{ id: string }>(s.app, s.admin, '/api/v1/officers', {
      fullName: 'Lê Thị Tỉnh',
      agencyId: 'ag-01',
    });
    const officerB = await created<{ id: string }>(s.app, s.admin, '/api/v1/officers', {
      fullName: 'Hoàng Văn Xã',
      agencyId: 'ag-01',
      centreId: second.id,
    });
    await created(s.app, s.admin, '/api/v1/users', {
      username: 'giamsat.a',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
      centreId: first.id,
    });
    supervisorA = await firstLogin(s.app, 'giamsat.a', 'mat-khau-giam-sat');
    kioskA = await enrollDevice(s.app, s.admin, 'Kiosk tỉnh', first.id);
    kioskB = await enrollDevice(s.app, s.admin, 'Kiosk xã', second.id);
    kA = new KioskEvents('q-a', officerA.id, 'ag-01', () => NOW);
    kB = new KioskEvents('q-b', officerB.id, 'ag-01', () => NOW);
    // A counter with 4 low ratings in 15 minutes raises a live alert.
    const settings = await s.app.inject({
      method: 'PUT',
      url: '/api/v1/console/live-alert-settings',
      headers: auth(s.admin),
      payload: {
        counterWindowMinutes: 15,
        counterMinRatings: 4,
        counterLowSharePercent: 50,
        officerMinServed: 50,
        officerCoveragePercent: 10,
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
  });
  afterEach(async () => s.close());

  it('shows a centre’s supervisor only their centre and a province admin every centre or the one named', async () => {
    const a = await sync(s.app, kioskA.token, [
      kA.signIn(minutesAgo(60)),
      ...servedAndRated(kA, '1001', 'HS-A-1', 'tot'),
    ]);
    expect(a.json<{ rejected: unknown[] }>().rejected).toEqual([]);
    const b = await sync(s.app, kioskB.token, [
      kB.signIn(minutesAgo(60)),
      ...servedAndRated(kB, '2001', 'HS-B-1', 'kem'),
      ...[5, 4, 3, 2].map((m) => kB.rate('kem', { at: minutesAgo(m) })),
    ]);
    expect(b.json<{ rejected: unknown[] }>().rejected).toEqual([]);
    // The alert is evaluated after the sync answered.
    let alertsAll: LiveAlertsList = { open: [], history: [] };
    for (let i = 0; i < 50 && alertsAll.open.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      alertsAll = (await get(s.admin, '/api/v1/console/live-alerts')).json<LiveAlertsList>();
    }
    expect(alertsAll.open.map((x) => x.subject)).toEqual(['Quầy số 1']);

    // Every console read answers centre A's supervisor, without a trace of centre B.
    const reads = [
      '/api/v1/console/today',
      '/api/v1/console/alerts?minRatings=1&lowSharePercent=50',
      '/api/v1/console/live-alerts',
      `/api/v1/console/ratings?${PERIOD}`,
      '/api/v1/ratings?dossier=HS-B-1',
      `/api/v1/reports/dossiers?${PERIOD}`,
      `/api/v1/reports/coverage?${PERIOD}`,
      `/api/v1/reports/national-scale?${PERIOD}`,
      '/api/v1/console/national-scale',
      `/api/v1/console/attribution-mismatches?${PERIOD}`,
      `/api/v1/reports/phu-luc-2?${PERIOD}`,
    ];
    for (const url of reads) {
      const res = await get(supervisorA, url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
      for (const trace of ['Hoàng Văn Xã', 'q-b', 'HS-B-1', 'Quầy xã']) expect(res.body, url).not.toContain(trace);
    }
    // What A sees is A's own.
    const todayA = (await get(supervisorA, '/api/v1/console/today')).json<TodaySnapshot>();
    expect(todayA.counters.map((c) => c.counterId)).toEqual(['q-a']);
    expect(todayA.counters[0]!.officer?.fullName).toBe('Lê Thị Tỉnh');
    expect(todayA.totals).toMatchObject({ ratings: 1, served: 1 });
    expect((await get(supervisorA, '/api/v1/console/live-alerts')).json<LiveAlertsList>().open).toEqual([]);
    const dossiersA = (await get(supervisorA, `/api/v1/reports/dossiers?${PERIOD}`)).json<{
      rows: { dossierCode: string }[];
    }>();
    expect(dossiersA.rows.map((r) => r.dossierCode)).toEqual(['HS-A-1']);
    const ratingsA = (await get(supervisorA, `/api/v1/console/ratings?${PERIOD}`)).json<RatingsStats>();
    expect(ratingsA.byOfficer.map((r) => r.fullName)).toEqual(['Lê Thị Tỉnh']);
    expect(ratingsA.totals.total).toBe(1);
    // B's alert is not A's to acknowledge: as if it did not exist.
    const ack = await s.app.inject({
      method: 'POST',
      url: `/api/v1/console/live-alerts/${alertsAll.open[0]!.id}/acknowledge`,
      headers: auth(supervisorA),
      payload: { comment: 'Đã nhắc nhở' },
    });
    expect(ack.statusCode).toBe(404);

    // The province admin: every centre by default, one centre when named.
    const todayAll = (await get(s.admin, '/api/v1/console/today')).json<TodaySnapshot>();
    expect(todayAll.counters.map((c) => c.counterId).sort()).toEqual(['q-a', 'q-b']);
    expect(todayAll.totals).toMatchObject({ ratings: 6, served: 2 });
    const todayB = (await get(s.admin, `/api/v1/console/today?centre=${codeB.toLowerCase()}`)).json<TodaySnapshot>();
    expect(todayB.counters.map((c) => c.counterId)).toEqual(['q-b']);
    expect(todayB.totals).toMatchObject({ ratings: 5, served: 1 });
    const alertsOfA = (await get(s.admin, `/api/v1/console/live-alerts?centre=${codeA}`)).json<LiveAlertsList>();
    expect(alertsOfA.open).toEqual([]);
    const dossiersB = (await get(s.admin, `/api/v1/reports/dossiers?${PERIOD}&centre=${codeB}`)).json<{
      rows: { dossierCode: string }[];
    }>();
    expect(dossiersB.rows.map((r) => r.dossierCode)).toEqual(['HS-B-1']);
    const coverageB = await get(s.admin, `/api/v1/reports/coverage?${PERIOD}&centre=${codeB}`);
    expect(coverageB.body).toContain('Hoàng Văn Xã');
    expect(coverageB.body).not.toContain('Lê Thị Tỉnh');
    const alertsB = await get(s.admin, `/api/v1/console/alerts?minRatings=1&lowSharePercent=50&centre=${codeB}`);
    expect(alertsB.body).toContain('Hoàng Văn Xã');
    const ratingsAll = (await get(s.admin, `/api/v1/console/ratings?${PERIOD}`)).json<RatingsStats>();
    expect(ratingsAll.totals.total).toBe(6);
    // The supervisor may name their own centre, not another.
    expect((await get(supervisorA, `/api/v1/console/today?centre=${codeA}`)).statusCode).toBe(200);
    expect((await get(supervisorA, `/api/v1/console/today?centre=${codeB}`)).statusCode).toBe(403);

    // A centre that does not exist: 404 in Vietnamese, for every read.
    for (const url of reads) {
      const res = await get(s.admin, `${url}${url.includes('?') ? '&' : '?'}centre=KHONG-CO`);
      expect(res.statusCode, url).toBe(404);
      expect(res.json<{ error: { message: string } }>().error.message).toBe('Không có trung tâm mã "KHONG-CO".');
    }
  });

  it('streams each Today page and each live alerts list only its centre’s changes', async () => {
    const base = await listen(s.app);
    const open = async (token: string, path = '/api/v1/console/today/stream') => {
      const response = await fetch(`${base}${path}`, { headers: auth(token) });
      expect(response.status).toBe(200);
      return new SseReader(response.body!);
    };
    const streamA = await open(supervisorA);
    const streamAll = await open(s.admin);
    try {
      expect((await streamA.next<TodaySnapshot>('today')).totals.ratings).toBe(0);
      expect((await streamAll.next<TodaySnapshot>('today')).totals.ratings).toBe(0);
      await sync(s.app, kioskB.token, [kB.signIn(minutesAgo(10)), kB.rate('kem')]);
      // The province admin sees centre B's rating at once…
      const all = await streamAll.next<TodaySnapshot>('today', 5_000);
      expect(all.totals.ratings).toBe(1);
      expect(all.counters.find((c) => c.counterId === 'q-b')?.officer?.fullName).toBe('Hoàng Văn Xã');
      // …centre A's supervisor receives nothing of it.
      await expect(streamA.next<TodaySnapshot>('today', 1_500)).rejects.toThrow(/no "today" event/);
      expect(streamA.seen()).not.toContain('Hoàng Văn Xã');
      expect(streamA.seen()).not.toContain('q-b');
      // A's own kiosk reaches A's page.
      await sync(s.app, kioskA.token, [kA.signIn(minutesAgo(10)), kA.rate('tot')]);
      const mine = await streamA.next<TodaySnapshot>('today', 5_000);
      expect(mine.totals.ratings).toBe(1);
      expect(mine.counters.map((c) => c.counterId)).toEqual(['q-a']);
    } finally {
      await streamA.cancel();
      await streamAll.cancel();
    }

    // Live alerts: centre B's alert reaches the province admin's console, not A's supervisor's.
    const alertsA = await open(supervisorA, '/api/v1/console/live-alerts/stream');
    const alertsAll = await open(s.admin, '/api/v1/console/live-alerts/stream');
    try {
      expect((await alertsA.next<LiveAlertsList>('alerts')).open).toEqual([]);
      expect((await alertsAll.next<LiveAlertsList>('alerts')).open).toEqual([]);
      await sync(
        s.app,
        kioskB.token,
        [5, 4, 3, 2].map((m) => kB.rate('kem', { at: minutesAgo(m) })),
      );
      const raised = await alertsAll.next<LiveAlertsList>('alerts', 5_000);
      expect(raised.open.map((x) => x.subject)).toEqual(['Quầy số 1']);
      await expect(alertsA.next<LiveAlertsList>('alerts', 1_500)).rejects.toThrow(/no "alerts" event/);
      expect(alertsA.seen()).not.toContain(raised.open[0]!.id);
    } finally {
      await alertsA.cancel();
      await alertsAll.cancel();
    }
  });
});
