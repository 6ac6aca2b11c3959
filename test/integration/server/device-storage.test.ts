import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../../shared/contract/server-api.ts';
import { BACKENDS, auth, enrollDevice, startTestServer, sync, type TestServer } from './support.ts';

describe.each(BACKENDS)('a kiosk reporting a full disk, on %s', (backend) => {
  let s: TestServer;
  let kiosk: { deviceId: string; token: string };
  beforeEach(async () => {
    s = await startTestServer(backend);
    kiosk = await enrollDevice(s.app, s.admin, 'Kiosk quầy 1');
  });
  afterEach(async () => s.close());

  const device = async () => {
    const res = await s.app.inject({ url: '/api/v1/devices', headers: auth(s.admin) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<DeviceSummary[]>().find((d) => d.id === kiosk.deviceId)!;
  };

  it('shows it in the device list until a sync without it, and refuses a malformed report', async () => {
    expect((await device()).storageFull).toBe(false);
    const full = await sync(s.app, kiosk.token, [], {
      status: { printer: null, pending: 12, storage: { state: 'full' } },
    });
    expect(full.statusCode, full.body).toBe(200);
    expect(await device()).toMatchObject({ storageFull: true, pendingEvents: 12 });

    const bad = await sync(s.app, kiosk.token, [], {
      status: { printer: null, pending: 0, storage: { state: 'gone' } },
    });
    expect(bad.statusCode).toBe(400);
    expect((await device()).storageFull).toBe(true);

    const resumed = await sync(s.app, kiosk.token, [], { status: { printer: null, pending: 0 } });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect((await device()).storageFull).toBe(false);
  });
});
