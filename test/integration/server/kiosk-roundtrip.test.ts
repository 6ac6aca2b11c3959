import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';
import type { SyncResponse } from '../../../shared/contract/sync-protocol.ts';
import { BACKENDS, auth, enrollDevice, startTestServer, type TestServer } from './support.ts';

describe.each(BACKENDS)('a real kiosk core against the server on %s', (backend) => {
  let s: TestServer;
  let kiosk: DemoCore;
  beforeEach(async () => {
    kiosk = await demoCore();
    // The server's clock is the kiosk's: otherwise it corrects the kiosk's events by the offset.
    s = await startTestServer(backend, { demo: true, now: kiosk.clock.now });
  });
  afterEach(async () => {
    kiosk.close();
    await s.close();
  });

  it('sends its outbox, marks it delivered, and applies the configuration it gets back', async () => {
    const { core, clock } = kiosk;
    for (const level of ['tot', 'kha', 'kem']) {
      await core.handlers['ratings:submit']({ level });
      clock.advance(30_000);
    }
    // The admin sets a new PIN for cb-002 centrally; the kiosk must accept it offline afterwards.
    await s.app.inject({
      method: 'POST',
      url: '/api/v1/officers/cb-002/pin',
      headers: auth(s.admin),
      payload: { pin: '864200' },
    });
    const device = await enrollDevice(s.app, s.admin);
    const pending = core.outbox.unsent(500);
    expect(pending.length).toBeGreaterThanOrEqual(4);
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: auth(device.token),
      payload: { deviceTime: clock.now().toISOString(), configVersion: core.config.configVersion(), events: pending },
    });
    const body = res.json<SyncResponse>();
    expect(body.rejected).toEqual([]);
    core.outbox.markDelivered([...body.accepted, ...body.duplicates], clock.now().toISOString());
    expect(core.outbox.pendingCount()).toBe(0);

    expect(body.config).toBeDefined();
    core.config.applyConfig(body.config!);
    expect(core.config.configVersion()).toBe(body.configVersion);
    expect(core.config.officerChoices()).toHaveLength(8);
    const signedIn = await core.handlers['officer:signIn']({ officerId: 'cb-002', pin: '864200' });
    expect(signedIn).toMatchObject({ id: 'cb-002', fullName: 'Trần Văn Đức' });

    const report = (
      await s.app.inject({ url: '/api/v1/reports/phu-luc-2?from=2026-11-28&to=2026-11-28', headers: auth(s.admin) })
    ).json<{ rows: { officerId: string; counts: number[] }[] }>();
    expect(report.rows.find((r) => r.officerId === 'cb-001')?.counts).toEqual([1, 1, 0, 1]);
    expect(report.rows).toHaveLength(8);
  });
});
