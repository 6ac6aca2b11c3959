import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer as createTcpServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../../server/app.ts';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  freshDatabase,
  login,
  rating,
  type SyncBody,
  type TestServer,
  startTestServer,
} from './support.ts';
import { startServerChild } from './server-child-process.ts';

/** Forwards bytes to the server; while `drop` is on, cuts the client off when the answer starts. */
async function startDroppingProxy(upstreamPort: number) {
  const state = { drop: true, dropped: 0 };
  const sockets = new Set<Socket>();
  const proxy: Server = createTcpServer((client) => {
    const upstream = connect(upstreamPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (state.drop) {
        state.dropped += 1;
        client.destroy();
        upstream.destroy();
      } else client.write(chunk);
    });
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  const address = proxy.address();
  if (!address || typeof address === 'string') throw new Error('proxy not listening');
  return {
    state,
    url: `http://127.0.0.1:${address.port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      proxy.close();
    },
  };
}

async function post(url: string, token: string, events: unknown[]): Promise<SyncBody> {
  const res = await fetch(`${url}/api/v1/sync`, {
    method: 'POST',
    headers: { ...auth(token), 'content-type': 'application/json', connection: 'close' },
    body: JSON.stringify({ deviceTime: new Date().toISOString(), events }),
  });
  if (res.status !== 200) throw new Error(`sync ${res.status}: ${await res.text()}`);
  return (await res.json()) as SyncBody;
}

const reportTotals = async (s: { app: TestServer['app'] }, token: string) =>
  (await s.app.inject({ url: '/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-30', headers: auth(token) })).json<{
    totals: number[];
  }>().totals;

describe.each(BACKENDS)('faults on %s', (backend) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(backend);
  });
  afterEach(async () => s.close());

  it('a kiosk that lost the answer after the commit resends, and nothing is counted twice', async () => {
    const device = await enrollDevice(s.app, s.admin);
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Nguyễn Văn Mạng', agencyId: 'ag-02' });
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    const proxy = await startDroppingProxy(address.port);
    try {
      const batch = Array.from({ length: 50 }, () => rating({ officerId: officer, agencyId: 'ag-02' }));
      await expect(post(proxy.url, device.token, batch)).rejects.toThrow();
      expect(proxy.state.dropped).toBeGreaterThan(0);
      // The server did commit before its answer was cut off.
      expect(await reportTotals(s, s.admin)).toEqual([50, 0, 0, 0]);
      proxy.state.drop = false;
      const resent = await post(proxy.url, device.token, batch);
      expect(resent.accepted).toEqual([]);
      expect(resent.duplicates).toHaveLength(50);
      expect(await reportTotals(s, s.admin)).toEqual([50, 0, 0, 0]);
    } finally {
      proxy.close();
    }
  });
});

describe.each(BACKENDS)('a server killed mid-batch on %s', (backend) => {
  let cleanup: () => Promise<void> = () => Promise.resolve();
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await cleanup();
  });

  it('loses nothing it acknowledged, and a full resend counts every rating once', async () => {
    const db = await freshDatabase(backend);
    cleanup = db.cleanup;
    // Set up the officer and the device, then hand the database to a separate process.
    const setup = await createServer({ ...db.options, adminPassword: ADMIN_PASSWORD, log: () => undefined });
    const admin = await login(setup, 'admin', ADMIN_PASSWORD);
    const device = await enrollDevice(setup, admin);
    const officer = await addOfficer(setup, admin, { fullName: 'Trần Thị Bền', agencyId: 'ag-03' });
    await setup.close();
    const target = db.options.databaseUrl ?? db.options.dbFile!;

    const batches = Array.from({ length: 40 }, () =>
      Array.from({ length: 500 }, () => rating({ officerId: officer, agencyId: 'ag-03' })),
    );
    const first = await startServerChild(target);
    child = first.proc;
    const acknowledged: string[] = [];
    let killed = false;
    const sends = batches.map(async (batch, i) => {
      await new Promise((r) => setTimeout(r, i * 15));
      try {
        const body = await post(first.url, device.token, batch);
        acknowledged.push(...body.accepted, ...body.duplicates);
        if (!killed && acknowledged.length >= 2_000) {
          killed = true;
          first.proc.kill('SIGKILL');
        }
      } catch {
        // Cut off by the kill: this batch was never acknowledged.
      }
    });
    await Promise.all(sends);
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(2_000);
    expect(acknowledged.length).toBeLessThan(20_000);

    const second = await startServerChild(target);
    child = second.proc;
    const check = await createServer({ ...db.options, log: () => undefined });
    try {
      const stored = new Set(
        (await check.hailong.db.selectFrom('ratings').select('id').execute()).map((row) => row.id),
      );
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      let again = 0;
      for (const batch of batches) {
        const body = await post(second.url, device.token, batch);
        again += body.accepted.length + body.duplicates.length;
        expect(body.rejected).toEqual([]);
      }
      expect(again).toBe(20_000);
      const token = await login(check, 'admin', ADMIN_PASSWORD);
      expect(await reportTotals({ app: check }, token)).toEqual([20_000, 0, 0, 0]);
      const events = await check.hailong.db
        .selectFrom('events')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(events.n).toBe(20_000);
    } finally {
      await check.close();
    }
  });
});
