// Two `hailong server` processes on one PostgreSQL database, as a province runs them behind a
// reverse proxy: kiosks sync to either, a console on either sees everything live.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import type { BoardSnapshot, TodaySnapshot } from '../../../shared/contract/console-api.ts';
import { LISTENER_APPLICATION_NAME } from '../../../server/db/pg-listener.ts';
import { PHONE_LIMITS } from '../../../server/phone/phone-routes.ts';
import { startCliServer, type CliServer } from '../../support/cli-server.ts';
import {
  call,
  provisionCounter,
  remoteEnroll,
  remoteLogin,
  remoteSync,
  remoteUser,
} from '../../support/remote-server.ts';
import { KioskEvents, SseReader } from '../console/console-fixtures.ts';
import { ADMIN_PASSWORD, freshDatabase } from './support.ts';

async function openStream(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const response = await fetch(url, { headers });
  expect(response.status).toBe(200);
  return new SseReader(response.body!);
}

/** The pids of the listening connections of every server process on this database. */
async function listenerPids(databaseUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const rows = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 ORDER BY pid',
      [LISTENER_APPLICATION_NAME],
    );
    return rows.rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

async function terminate(databaseUrl: string, pids: number[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
  } finally {
    await client.end();
  }
}

async function waitFor<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('two server processes on one PostgreSQL database', () => {
  const servers: CliServer[] = [];
  let cleanup: () => Promise<void> = () => Promise.resolve();
  /** Two server processes on one fresh PostgreSQL database, stopped after the test. */
  async function twoServers(): Promise<[CliServer, CliServer]> {
    const db = await freshDatabase('postgres');
    cleanup = db.cleanup;
    const env = { HAILONG_ADMIN_PASSWORD: ADMIN_PASSWORD };
    for (let i = 0; i < 2; i += 1) servers.push(await startCliServer(['--database-url', db.options.databaseUrl!], env));
    return [servers.at(-2)!, servers.at(-1)!];
  }
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    await cleanup();
  });

  it('shows on B, live within 1 s, what a kiosk synced to A; survives a lost LISTEN connection; shares sessions', async () => {
    const db = await freshDatabase('postgres');
    cleanup = db.cleanup;
    const databaseUrl = db.options.databaseUrl!;
    const env = { HAILONG_ADMIN_PASSWORD: ADMIN_PASSWORD };
    // One after the other, as a deployment starts them: the first migrates and creates the admin.
    const a = await startCliServer(['--database-url', databaseUrl], env);
    servers.push(a);
    const b = await startCliServer(['--database-url', databaseUrl], env);
    servers.push(b);
    expect(await listenerPids(databaseUrl)).toHaveLength(2);

    // Provisioned through A without --demo; the browser session is made on A, used on B.
    const login = await remoteLogin(a.url, 'admin', ADMIN_PASSWORD);
    const { counterId, serviceId, officerId } = await provisionCounter(a.url, login.token, {
      number: 1,
      agencyId: 'ag-03',
    });
    const kiosk = await remoteEnroll(a.url, login.token, 'Kiosk quầy 1');
    const session = await call(b.url, 'GET', '/api/v1/console/session', {
      headers: { cookie: login.cookie },
    });
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ username: 'admin' });
    // What A's console lists, B's lists too: the configuration lives in the database alone.
    const countersOnB = await call(b.url, 'GET', '/api/v1/counters', { token: login.token });
    expect((countersOnB.body as { id: string }[]).map((c) => c.id)).toEqual([counterId]);

    const today = await openStream(`${b.url}/api/v1/console/today/stream`, { cookie: login.cookie });
    const board = await openStream(`${b.url}/api/v1/board/stream`);
    const q1 = new KioskEvents(counterId, officerId, 'ag-03');
    try {
      expect((await today.next<TodaySnapshot>('today')).totals.ratings).toBe(0);
      expect(await board.next<BoardSnapshot>('snapshot')).toEqual({ current: [], recent: [] });

      const ticket = q1.issue('1001', serviceId);
      const started = Date.now();
      await remoteSync(a.url, kiosk.token, [q1.signIn(), ticket.event, q1.call(ticket.ticketId), q1.rate('tot')]);
      const seen = await today.next<TodaySnapshot>('today', 1_000);
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(seen.totals.ratings).toBe(1);
      expect(seen.counters.find((c) => c.counterId === counterId)?.officer?.fullName).toBe('Trần Thị Bền 1');
      // A call is announced only from a sync notice (a timer never sends one): proof B heard A.
      expect(await board.next<Record<string, unknown>>('call', 1_000)).toMatchObject({
        counterNumber: 1,
        number: '1001',
      });

      // An administrator (or a PostgreSQL restart) cuts both listening connections.
      const before = await listenerPids(databaseUrl);
      await terminate(databaseUrl, before);
      await waitFor(
        () => listenerPids(databaseUrl),
        (pids) => pids.length === 2 && pids.every((pid) => !before.includes(pid)),
      );
      // A reconnection refreshes the open feeds (notices sent meanwhile are lost); skip that push.
      await today.next<TodaySnapshot>('today', 2_000);

      const second = q1.issue('1002', serviceId);
      const again = Date.now();
      await remoteSync(a.url, kiosk.token, [second.event, q1.call(second.ticketId), q1.rate('kha')]);
      expect(await board.next<Record<string, unknown>>('call', 1_000)).toMatchObject({ number: '1002' });
      const after = await waitFor(
        () => today.next<TodaySnapshot>('today', 1_000),
        (snapshot) => snapshot.totals.ratings === 2,
        1_000,
      );
      expect(after.totals.ratings).toBe(2);
      expect(Date.now() - again).toBeLessThan(1_000);

      // And the other way round: a kiosk syncing to B is counted once, seen by A's report.
      const resent = await remoteSync(b.url, kiosk.token, [q1.rate('tot')]);
      expect(resent.accepted).toHaveLength(1);
      const report = await call(a.url, 'GET', `/api/v1/reports/phu-luc-2?from=2020-01-01&to=2099-12-31&format=json`, {
        token: login.token,
      });
      expect(report.status).toBe(200);
      expect((report.body as PhuLuc2Report).totals).toEqual([2, 1, 0, 0]);

      // Logging out on A ends the session on B as well.
      expect((await call(a.url, 'POST', '/api/v1/auth/logout', { token: login.token })).status).toBe(200);
      const ended = await call(b.url, 'GET', '/api/v1/console/session', { headers: { cookie: login.cookie } });
      expect(ended.status).toBe(401);
    } finally {
      await today.cancel();
      await board.cancel();
    }
  }, 60_000);

  it("brings a rating synced to A to centre A's supervisor's Today on B, and not to centre B's", async () => {
    const [a, b] = await twoServers();
    const { token: admin } = await remoteLogin(a.url, 'admin', ADMIN_PASSWORD);
    const first = ((await call(a.url, 'GET', '/api/v1/centres', { token: admin })).body as { id: number }[])[0]!;
    const second = await call(a.url, 'POST', '/api/v1/centres', {
      token: admin,
      body: { code: 'xa-b', name: 'Bộ phận một cửa xã B' },
    });
    expect(second.status).toBe(201);
    const centreB = (second.body as { id: number }).id;
    const atA = await provisionCounter(a.url, admin, { number: 1, agencyId: 'ag-03', key: 'a1' });
    await provisionCounter(a.url, admin, { number: 1, agencyId: 'ag-03', key: 'b1', centreId: centreB });
    const supervisor = (username: string, centreId: number) =>
      remoteUser(a.url, admin, { username, password: 'mat-khau-giam-sat', role: 'supervisor', centreId });
    const supervisorA = await supervisor('giamsat.a', first.id);
    const supervisorB = await supervisor('giamsat.b', centreB);
    const kioskA = await remoteEnroll(a.url, admin, 'Kiosk quầy 1 trung tâm A');

    const todayOf = (token: string) =>
      openStream(`${b.url}/api/v1/console/today/stream`, { authorization: `Bearer ${token}` });
    const todayA = await todayOf(supervisorA);
    const todayB = await todayOf(supervisorB);
    try {
      expect((await todayA.next<TodaySnapshot>('today')).totals.ratings).toBe(0);
      expect((await todayB.next<TodaySnapshot>('today')).totals.ratings).toBe(0);
      const q1 = new KioskEvents(atA.counterId, atA.officerId, 'ag-03');
      await remoteSync(a.url, kioskA.token, [q1.signIn(), q1.rate('tot')]);
      const seen = await todayA.next<TodaySnapshot>('today', 5_000);
      expect(seen.totals.ratings).toBe(1);
      expect(seen.counters.find((c) => c.counterId === atA.counterId)?.officer?.fullName).toBe('Trần Thị Bền a1');
      // Centre B's supervisor, on the same process, hears nothing of it.
      await expect(todayB.next<TodaySnapshot>('today', 2_000)).rejects.toThrow(/no "today" event/);
      expect(todayB.seen()).not.toContain('Trần Thị Bền a1');
    } finally {
      await todayA.cancel();
      await todayB.cancel();
    }
  }, 60_000);

  it("counts the phone page's limits once for the centre, whichever process answers", async () => {
    const [a, b] = await twoServers();
    const either = (i: number) => (i % 2 === 0 ? a.url : b.url);
    // A token no kiosk has synced yet: the page says so (200) until its own limit is used up.
    const token = Buffer.from('0193f0a1b2c3d4e5f60718293a4b5c6d', 'hex').toString('base64url');
    for (let i = 0; i < PHONE_LIMITS.perToken; i += 1) {
      expect((await call(either(i), 'GET', `/api/v1/phone/${token}`)).status).toBe(200);
    }
    // Half the reads went to each process: in memory, neither would have reached the limit.
    for (const url of [a.url, b.url]) {
      const limited = await call(url, 'GET', `/api/v1/phone/${token}`);
      expect(limited.status).toBe(429);
      expect(JSON.stringify(limited.body)).toContain('Quá nhiều yêu cầu');
    }
    for (let i = 0; i < PHONE_LIMITS.ratingsPerToken; i += 1) {
      expect((await call(either(i), 'POST', `/api/v1/phone/${token}/rating`, { body: { level: 'kha' } })).status).toBe(
        404,
      );
    }
    expect((await call(b.url, 'POST', `/api/v1/phone/${token}/rating`, { body: { level: 'kha' } })).status).toBe(429);
    // Another ticket's page is not affected.
    const other = Buffer.from('0193f0a1b2c3d4e5f60718293a4b5c6e', 'hex').toString('base64url');
    expect((await call(a.url, 'GET', `/api/v1/phone/${other}`)).status).toBe(200);
  }, 60_000);
  it('gives a kiosk syncing to B, at its next sync, what an admin changed through A', async () => {
    const [a, b] = await twoServers();
    const { token: admin } = await remoteLogin(a.url, 'admin', ADMIN_PASSWORD);
    const { counterId, officerId } = await provisionCounter(a.url, admin, { number: 1, agencyId: 'ag-03' });
    const kiosk = await remoteEnroll(a.url, admin, 'Kiosk quầy 1');
    const syncToB = async (configVersion?: number) => {
      const res = await call(b.url, 'POST', '/api/v1/sync', {
        token: kiosk.token,
        body: { deviceTime: new Date().toISOString(), events: [], ...(configVersion ? { configVersion } : {}) },
      });
      expect(res.status).toBe(200);
      return res.body as {
        configVersion: number;
        assignment: { role: string | null; counterId: string | null };
        config?: { officers: { id: string; fullName: string }[] };
      };
    };
    const first = await syncToB();
    expect(first.config?.officers.map((o) => o.id)).toEqual([officerId]);
    expect(first.assignment).toMatchObject({ role: null, counterId: null });
    // Up to date: nothing is sent again.
    expect((await syncToB(first.configVersion)).config).toBeUndefined();

    // Through A: a new officer, and the kiosk put at counter 1.
    const added = await call(a.url, 'POST', '/api/v1/officers', {
      token: admin,
      body: { fullName: 'Phạm Văn Mới', agencyId: 'ag-03' },
    });
    expect(added.status).toBe(201);
    const assigned = await call(a.url, 'PATCH', `/api/v1/devices/${kiosk.deviceId}`, {
      token: admin,
      body: { role: 'counter', counterId },
    });
    expect(assigned.status).toBe(200);

    const next = await syncToB(first.configVersion);
    expect(next.configVersion).toBeGreaterThan(first.configVersion);
    expect(next.config?.officers.map((o) => o.fullName)).toContain('Phạm Văn Mới');
    expect(next.assignment).toMatchObject({ role: 'counter', counterId });
    expect((await syncToB(next.configVersion)).config).toBeUndefined();
  }, 60_000);
});
