import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TodaySnapshot } from '../../../shared/contract/console-api.ts';
import type { DeviceSummary } from '../../../shared/contract/server-api.ts';
import { KioskEvents } from '../console/console-fixtures.ts';
import { BACKENDS, auth, enrollDevice, startTestServer, sync, type SyncBody, type TestServer } from './support.ts';

// Noon in Vietnam, so today's events stay on one day whenever the suite runs.
const NOW = new Date('2026-11-28T05:00:00Z');

describe.each(BACKENDS)('device status on %s', (backend) => {
  let s: TestServer;
  let kiosk: { deviceId: string; token: string };
  let q1: KioskEvents;
  beforeEach(async () => {
    s = await startTestServer(backend, { demo: true, now: () => NOW });
    kiosk = await enrollDevice(s.app, s.admin, 'Kiosk quầy 1');
    q1 = new KioskEvents('q-1', 'cb-001', 'ag-11', () => NOW);
  });
  afterEach(async () => s.close());

  const get = async <T>(url: string) => {
    const res = await s.app.inject({ url, headers: auth(s.admin) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };
  const device = async () => (await get<DeviceSummary[]>('/api/v1/devices')).find((d) => d.id === kiosk.deviceId)!;
  const q1Kiosk = async () =>
    (await get<TodaySnapshot>('/api/v1/console/today')).counters.find((c) => c.counterId === 'q-1')!.kiosk;

  it('shows a paper-out printer and the events waiting in the device list and on Today', async () => {
    const res = await sync(s.app, kiosk.token, [q1.signIn()], {
      status: {
        printer: { state: 'paper_out', message: 'Máy in hết giấy.' },
        pending: 7,
        appVersion: '0.2.0',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SyncBody>().accepted).toHaveLength(1);

    expect(await device()).toMatchObject({
      printer: { state: 'paper_out', message: 'Máy in hết giấy.' },
      pendingEvents: 7,
      appVersion: '0.2.0',
      version: '0.2.0',
    });
    expect(await q1Kiosk()).toMatchObject({
      name: 'Kiosk quầy 1',
      printer: 'paper_out',
      printerMessage: 'Máy in hết giấy.',
    });

    // The next report replaces it: paper loaded, nothing waiting.
    await sync(s.app, kiosk.token, [], { status: { printer: { state: 'ok', message: 'Sẵn sàng.' }, pending: 0 } });
    expect(await device()).toMatchObject({ printer: { state: 'ok' }, pendingEvents: 0 });
    expect(await q1Kiosk()).toMatchObject({ printer: 'ok' });
  });

  it('still takes a sync from an old kiosk that sends no status, and shows nothing reported', async () => {
    const res = await sync(s.app, kiosk.token, [q1.signIn()]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SyncBody>().accepted).toHaveLength(1);
    expect(await device()).toMatchObject({ printer: null, pendingEvents: null, appVersion: null });
    expect(await q1Kiosk()).toMatchObject({ printer: null, printerMessage: null });
  });

  it('rejects a malformed status as a whole request, storing none of its events', async () => {
    const res = await sync(s.app, kiosk.token, [q1.signIn()], { status: { printer: null, pending: -3 } });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/[À-ỹ]/u);
    expect(await device()).toMatchObject({ eventCount: 0, pendingEvents: null });
  });
});
