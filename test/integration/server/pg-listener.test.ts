// The dedicated LISTEN connection of a server process, and the cross-process notices it carries,
// against a real PostgreSQL: reconnection, garbage on the channel, notices that name other devices.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { LIVE_CHANNEL } from '../../../server/console/live-cross-process.ts';
import { onIngested, type IngestedBatch } from '../../../server/console/live-events.ts';
import { LISTENER_APPLICATION_NAME, PgListener } from '../../../server/db/pg-listener.ts';
import { createServer } from '../../../server/app.ts';
import { KioskEvents } from '../console/console-fixtures.ts';
import { ADMIN_PASSWORD, addOfficer, enrollDevice, freshDatabase, login, sync } from './support.ts';

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const listeners = (url: string) =>
  withClient(url, async (c) =>
    (
      await c.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
        [LISTENER_APPLICATION_NAME],
      )
    ).rows.map((r) => r.pid),
  );

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the PostgreSQL listening connection', () => {
  let cleanup: () => Promise<void> = () => Promise.resolve();
  afterEach(async () => cleanup());

  it('hears NOTIFY, reconnects after being terminated, and leaves no connection once closed', async () => {
    const db = await freshDatabase('postgres');
    cleanup = db.cleanup;
    const url = db.options.databaseUrl!;
    const heard: string[] = [];
    let reconnected = 0;
    const listener = new PgListener({
      connectionString: url,
      channel: 'hailong_test',
      onNotification: (payload) => heard.push(payload),
      onReconnect: () => (reconnected += 1),
      log: () => undefined,
      minRetryMs: 50,
    });
    try {
      expect(await listener.start()).toBe(true);
      await withClient(url, (c) => c.query("SELECT pg_notify('hailong_test', 'một')"));
      await until(() => heard.includes('một'));

      const [pid] = await listeners(url);
      await withClient(url, (c) => c.query('SELECT pg_terminate_backend($1)', [pid]));
      await until(() => reconnected === 1);
      expect(await listeners(url)).not.toContain(pid);
      await withClient(url, (c) => c.query("SELECT pg_notify('hailong_test', 'hai')"));
      await until(() => heard.includes('hai'));
    } finally {
      await listener.close();
    }
    await until(async () => (await listeners(url)).length === 0);
    // Closed for good: no retry brings it back.
    await new Promise((r) => setTimeout(r, 300));
    expect(await listeners(url)).toEqual([]);
  });

  it('ignores garbage and notices of events that are not there, and still relays real ones', async () => {
    const db = await freshDatabase('postgres');
    cleanup = db.cleanup;
    const options = { ...db.options, adminPassword: ADMIN_PASSWORD, log: () => undefined };
    const a = await createServer(options);
    const b = await createServer(options);
    try {
      const admin = await login(a, 'admin', ADMIN_PASSWORD);
      const kiosk = await enrollDevice(a, admin);
      const other = await enrollDevice(a, admin, 'Kiosk quầy 2');
      const officer = await addOfficer(a, admin, { fullName: 'Lê Văn Cường', agencyId: 'ag-03' });
      const onB: IngestedBatch[] = [];
      const stop = onIngested({ db: b.hailong.db }, (batch) => onB.push(batch));

      const q1 = new KioskEvents('q-1', officer, 'ag-03');
      const signIn = q1.signIn();
      const stored = q1.rate('tot');
      expect((await sync(a, kiosk.token, [signIn, stored])).statusCode).toBe(200);
      await until(() => onB.length === 1);
      expect(onB[0]!.deviceId).toBe(kiosk.deviceId);
      expect(onB[0]!.events.map((e) => e.type)).toEqual(['officer.signed_in', 'rating.submitted']);

      // Whoever can NOTIFY on the database cannot make B announce anything that is not stored,
      // nor pass one kiosk's events off as another's.
      const forged = (body: object) => JSON.stringify({ v: 1, o: 'ai-do', k: 'ingested', ...body });
      await withClient(db.options.databaseUrl!, async (c) => {
        for (const payload of [
          'không phải JSON',
          JSON.stringify({ v: 2, o: 'x', k: 'ingested', d: kiosk.deviceId, e: [stored.id] }),
          forged({ d: kiosk.deviceId, e: ['khong-co-su-kien-nay'] }),
          forged({ d: other.deviceId, e: [stored.id] }),
          forged({ d: kiosk.deviceId, e: Array.from({ length: 101 }, () => stored.id) }),
        ]) {
          await c.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, payload]);
        }
      });
      expect((await sync(a, kiosk.token, [q1.rate('kha')])).statusCode).toBe(200);
      await until(() => onB.length === 2);
      await new Promise((r) => setTimeout(r, 200));
      expect(onB).toHaveLength(2);
      expect(onB[1]!.events.map((e) => e.type)).toEqual(['rating.submitted']);
      stop();
    } finally {
      await b.close();
      await a.close();
    }
  });
});
