import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../../server/app.ts';
import {
  ADMIN_PASSWORD,
  PG_ADMIN_URL,
  addOfficer,
  auth,
  enrollDevice,
  freshDatabase,
  login,
  rating,
} from './support.ts';
import { startServerChild } from './server-child-process.ts';

async function terminateBackends(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const res = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return res.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe('PostgreSQL connection reset', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('keeps the server up while its connections are terminated under load, and it recovers by itself', async () => {
    const db = await freshDatabase('postgres');
    cleanups.push(db.cleanup);
    const databaseUrl = db.options.databaseUrl!;
    const database = new URL(databaseUrl).pathname.slice(1);
    // Set up through the API in-process, then serve from a child process.
    const setup = await createServer({ databaseUrl, adminPassword: ADMIN_PASSWORD, log: () => undefined });
    const admin = await login(setup, 'admin', ADMIN_PASSWORD);
    const device = await enrollDevice(setup, admin);
    const officer = await addOfficer(setup, admin, { fullName: 'Lê Văn Bình', agencyId: 'ag-11' });
    await setup.close();
    // In its own process, so an unhandled 'error' would show as the process exiting.
    const child = await startServerChild(databaseUrl);
    let exited: number | null = null;
    child.proc.on('exit', (code) => (exited = code ?? -1));
    cleanups.push(() => {
      child.proc.kill('SIGKILL');
      return Promise.resolve();
    });

    const sent: string[] = [];
    const attempted = new Set<string>();
    const syncOnce = async () => {
      const events = Array.from({ length: 50 }, () => rating({ officerId: officer, agencyId: 'ag-11' }));
      for (const event of events) attempted.add(event.id);
      const res = await fetch(`${child.url}/api/v1/sync`, {
        method: 'POST',
        headers: { ...auth(device.token), 'content-type': 'application/json' },
        body: JSON.stringify({ deviceTime: new Date().toISOString(), events }),
      }).catch(() => null);
      if (res?.status === 200) {
        const body = (await res.json()) as { accepted: string[]; duplicates: string[] };
        sent.push(...body.accepted);
      }
      return res?.status ?? 0;
    };
    const statuses: number[] = [];
    let running = true;
    const load = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (running) statuses.push(await syncOnce());
      }),
    );
    let terminated = 0;
    for (let round = 0; round < 15; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      terminated += await terminateBackends(database);
    }
    running = false;
    await load;
    expect(terminated).toBeGreaterThan(0);
    expect(exited).toBeNull();
    // Failed requests say so (500/503), never a crash; afterwards it serves again on its own.
    expect(statuses.every((status) => status === 200 || status >= 500)).toBe(true);
    expect(await syncOnce()).toBe(200);
    const health = await fetch(`${child.url}/healthz`);
    expect(health.status).toBe(200);
    // What was acknowledged is stored, once. A batch whose answer was lost after its commit may be
    // stored without an acknowledgement: a kiosk sends it again and the server counts it once.
    const check = new pg.Client({ connectionString: databaseUrl });
    await check.connect();
    const stored = await check.query<{ id: string }>('SELECT id FROM ratings');
    await check.end();
    const storedIds = stored.rows.map((row) => row.id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    expect(storedIds.filter((id) => !attempted.has(id))).toEqual([]);
    const storedSet = new Set(storedIds);
    expect(sent.filter((id) => !storedSet.has(id))).toEqual([]);
  }, 120_000);
});
