import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/contract/dispatch.ts';
import { recordExport } from '../../../electron/core/sync/reenrolment-guard.ts';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';
import { freshDatabase } from '../server/support.ts';
import { api, enrolmentCode, startCentral, type Central } from './central.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function central(): Promise<Central> {
  const db = await freshDatabase('sqlite');
  cleanups.push(db.cleanup);
  const server = await startCentral(db.options);
  cleanups.push(() => server.app.close());
  return server;
}

describe('re-enrolment to another server (issue 9 item 6)', () => {
  it('needs the technician PIN and a fresh code, and never strands unsent ratings on the old server', async () => {
    const real = await central();
    const rogue = await central();
    const kiosk: DemoCore = await demoCore({ now: () => new Date() });
    cleanups.push(() => kiosk.close());
    await kiosk.core.sync.enroll({ serverUrl: real.url, code: await enrolmentCode(real), name: 'Quầy 1' });
    await kiosk.core.sync.syncNow();
    expect(kiosk.core.state().sync.pending).toBe(0);

    // The real server goes away; a rating is recorded and waits.
    await real.app.close();
    await kiosk.core.handlers['ratings:submit']({ level: 'tot' });
    expect(kiosk.core.outbox.pendingCount()).toBe(1);

    const rogueCode = await enrolmentCode(rogue);
    const noPin = await dispatch(kiosk.core.handlers, 'sync:enroll', { serverUrl: rogue.url, code: rogueCode });
    expect(noPin).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    const stranded = await dispatch(kiosk.core.handlers, 'sync:enroll', {
      pin: '9999',
      serverUrl: rogue.url,
      code: rogueCode,
    });
    expect(stranded).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!stranded.ok && stranded.error.message).toContain('Kiosk còn 1 sự kiện chưa gửi tới máy chủ');
    // Nothing moved: still the real server, the rating still waits for it, the code unspent.
    expect(kiosk.core.state().sync.serverUrl).toBe(real.url);
    expect(kiosk.core.outbox.pendingCount()).toBe(1);
    expect(await api<unknown[]>(rogue.url, 'GET', '/api/v1/devices', rogue.admin)).toHaveLength(0);

    // Once a technician has exported the events (hailong kiosk export), the move is allowed.
    recordExport(kiosk.core.config, Math.max(...[...kiosk.core.outbox.all()].map((e) => e.seq)));
    const moved = await dispatch(kiosk.core.handlers, 'sync:enroll', {
      pin: '9999',
      serverUrl: rogue.url,
      code: rogueCode,
    });
    expect(moved).toMatchObject({ ok: true, value: { serverUrl: rogue.url } });
  }, 60_000);
});
