import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../../shared/contract/server-api.ts';
import { FakeServer } from '../../unit/sync/fake-server.ts';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';
import { addOfficer, auth, enrollDevice, startTestServer, sync, type SyncBody, type TestServer } from './support.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/sync');
const fixture = (name: string, officerId = '') =>
  JSON.parse(readFileSync(join(FIXTURES, name), 'utf8').replaceAll('OFFICER', officerId)) as Record<string, unknown>;

let s: TestServer | null = null;
let kiosk: DemoCore | null = null;
afterEach(async () => {
  kiosk?.close();
  kiosk = null;
  await s?.close();
  s = null;
});

async function post(token: string, body: Record<string, unknown>) {
  return s!.app.inject({ method: 'POST', url: '/api/v1/sync', headers: auth(token), payload: body });
}

describe('kiosks and servers of different releases (stored payloads)', () => {
  it('accepts an older kiosk (no protocol field) and a newer one (extra fields), storing no unknown field', async () => {
    s = await startTestServer('sqlite');
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Đinh Thị Bích', agencyId: 'ag-11' });
    const device = await enrollDevice(s.app, s.admin);

    const older = await post(device.token, fixture('older-kiosk-request.json', officer));
    expect(older.statusCode).toBe(200);
    expect(older.json<SyncBody>().accepted).toEqual(['019acb8e-8d2a-7c3e-9f10-2b3c4d5e6f71']);

    const newer = await post(device.token, fixture('newer-kiosk-request.json', officer));
    expect(newer.statusCode).toBe(200);
    const body = newer.json<SyncBody & { protocol: number }>();
    expect(body.protocol).toBe(2);
    // The known event is accepted; the future event type is refused on its own, with a reason.
    expect(body.accepted).toEqual(['019acb8e-8d2a-7c3e-9f10-2b3c4d5e6f72']);
    expect(body.rejected.map(({ id, index }) => ({ id, index }))).toEqual([
      { id: '019acb8e-8d2a-7c3e-9f10-2b3c4d5e6f73', index: 1 },
    ]);
    expect(body.rejected[0]!.reason).toContain('Loại sự kiện không được hỗ trợ');
    const stored = await s.app.inject({ method: 'GET', url: '/api/v1/devices', headers: auth(s.admin) });
    expect(stored.json<DeviceSummary[]>()[0]).toMatchObject({ eventCount: 2, pendingEvents: 2, syncRefusal: null });
    const rows = await fetchEventBodies(s);
    for (const row of rows) {
      expect(row).not.toContain('citizenAgeGroup');
      expect(row).not.toContain('faceConfidence');
    }
  });

  it('refuses an unknown protocol whole, in Vietnamese, and shows it on the Kiosks page until a sync goes through', async () => {
    s = await startTestServer('sqlite');
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Đinh Thị Bích', agencyId: 'ag-11' });
    const device = await enrollDevice(s.app, s.admin);
    const future = await post(device.token, { ...fixture('newer-kiosk-request.json', officer), protocol: 3 });
    expect(future.statusCode).toBe(400);
    const error = future.json<{ error: { code: string; message: string } }>().error;
    expect(error.code).toBe('unsupported_protocol');
    expect(error.message).toContain('không hỗ trợ giao thức đồng bộ phiên bản 3');
    expect(await fetchEventBodies(s)).toHaveLength(0);
    const listed = await s.app.inject({ method: 'GET', url: '/api/v1/devices', headers: auth(s.admin) });
    expect(listed.json<DeviceSummary[]>()[0]!.syncRefusal?.message).toBe(error.message);

    expect((await sync(s.app, device.token, [], { protocol: 2 })).statusCode).toBe(200);
    const after = await s.app.inject({ method: 'GET', url: '/api/v1/devices', headers: auth(s.admin) });
    expect(after.json<DeviceSummary[]>()[0]!.syncRefusal).toBeNull();
  });

  it('a kiosk reads a newer server answer with extra fields: applies config, duty limits and assignment', async () => {
    const server = new FakeServer().then({ status: 200, body: fixture('newer-server-response.json') });
    kiosk = await demoCore({ sync: { fetch: server.fetch } });
    await kiosk.core.sync.enroll({ serverUrl: 'http://central.test', code: 'ABCD-1234', name: 'Kiosk' });
    await kiosk.core.sync.syncNow();
    const state = kiosk.core.state();
    // (The fixture acknowledges none of the demo's events; only the configuration matters here.)
    expect(state.sync.lastError ?? '').not.toContain('Cấu hình nhận từ máy chủ không hợp lệ');
    expect(kiosk.core.config.configVersion()).toBe(7);
    expect(state.counters).toEqual([{ id: 'q-1', number: 1, name: 'Quầy 1' }]);
    expect(JSON.parse(kiosk.core.config.getSetting('duty.limits')!)).toEqual({ endOfDay: '17:00', idleMinutes: 45 });
    expect(state.role).toBe('counter');
    expect(state.counter?.id).toBe('q-1');
  });
});

async function fetchEventBodies(server: TestServer): Promise<string[]> {
  const { openServerDb } = await import('../../../server/db/database.ts');
  const db = await openServerDb(server.options);
  try {
    return (await db.db.selectFrom('events').select('body').execute()).map((r) => r.body);
  } finally {
    await db.close();
  }
}
