import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  startTestServer,
  sync,
  type SyncBody,
  type TestServer,
} from './support.ts';

/**
 * Issue 9 item 5: a kiosk receives only the officers, and PIN hashes, of who may sign in at its
 * counter: the agencies the counter serves plus officers named for it. A centre as installed:
 * no demo, counters and access set by the admin, kiosks assigned in the console.
 */
describe.each(BACKENDS)('officers per counter on %s', (backend) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(backend);
  });
  afterEach(async () => s.close());

  const call = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET', url: string, payload?: object) =>
    s.app.inject({ method, url, headers: auth(s.admin), ...(payload ? { payload } : {}) });

  async function counter(number: number): Promise<string> {
    const res = await call('POST', '/api/v1/counters', { number, name: `Quầy số ${number}` });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string }>().id;
  }

  async function officerWithPin(fullName: string, agencyId: string): Promise<string> {
    const id = await addOfficer(s.app, s.admin, { fullName, agencyId });
    expect((await call('POST', `/api/v1/officers/${id}/pin`, { pin: '246810' })).statusCode).toBe(200);
    return id;
  }

  async function kioskAt(counterId: string | null, name: string) {
    const device = await enrollDevice(s.app, s.admin, name);
    const patch = counterId === null ? { role: 'entrance' } : { role: 'counter', counterId };
    expect((await call('PATCH', `/api/v1/devices/${device.deviceId}`, patch)).statusCode).toBe(200);
    return device;
  }

  const received = async (token: string) => {
    const config = (await sync(s.app, token, [])).json<SyncBody>().config!;
    return { officers: config.officers.map((o) => o.id).sort(), pins: Object.keys(config.officerPins).sort() };
  };

  it('sends each counter kiosk only its agencies’ and named officers’ PIN hashes', async () => {
    const [q1, q2] = [await counter(1), await counter(2)];
    // A new counter serves every active agency until the admin narrows it.
    const created = (await call('GET', '/api/v1/counters/access')).json<{ agencyIds: string[] }[]>();
    expect(created[0]!.agencyIds).toHaveLength(17);
    const hoa = await officerWithPin('Nguyễn Thị Hoa', 'ag-11');
    const lan = await officerWithPin('Trần Thị Lan', 'ag-11');
    const minh = await officerWithPin('Lê Văn Minh', 'ag-12');
    const tuan = await officerWithPin('Phạm Anh Tuấn', 'ag-13');
    expect(
      (await call('PUT', `/api/v1/counters/${q1}/access`, { agencyIds: ['ag-11'], officerIds: [] })).statusCode,
    ).toBe(200);
    const set = await call('PUT', `/api/v1/counters/${q2}/access`, { agencyIds: ['ag-12'], officerIds: [tuan] });
    expect(set.json()).toEqual({ counterId: q2, agencyIds: ['ag-12'], officerIds: [tuan] });

    const k1 = await kioskAt(q1, 'Kiosk quầy 1');
    const k2 = await kioskAt(q2, 'Kiosk quầy 2');
    const entrance = await kioskAt(null, 'Kiosk lối vào');
    expect(await received(k1.token)).toEqual({ officers: [hoa, lan].sort(), pins: [hoa, lan].sort() });
    expect(await received(k2.token)).toEqual({ officers: [minh, tuan].sort(), pins: [minh, tuan].sort() });
    expect(await received(entrance.token)).toEqual({ officers: [], pins: [] });

    // An officer moved to the other agency follows it: the next config of each kiosk says so.
    expect((await call('PATCH', `/api/v1/officers/${lan}`, { agencyId: 'ag-12' })).statusCode).toBe(200);
    expect((await received(k1.token)).pins).toEqual([hoa]);
    expect((await received(k2.token)).pins).toEqual([lan, minh, tuan].sort());

    // A kiosk moved to another counter gets that counter's officers.
    expect((await call('PATCH', `/api/v1/devices/${k1.deviceId}`, { role: 'counter', counterId: q2 })).statusCode).toBe(
      200,
    );
    expect((await received(k1.token)).pins).toEqual([lan, minh, tuan].sort());
  });

  it('refuses an unknown agency or officer in Vietnamese and changes nothing', async () => {
    const q1 = await counter(1);
    const hoa = await officerWithPin('Nguyễn Thị Hoa', 'ag-11');
    await call('PUT', `/api/v1/counters/${q1}/access`, { agencyIds: [], officerIds: [hoa] });
    const before = (await call('GET', '/api/v1/counters/access')).json<unknown>();

    const badAgency = await call('PUT', `/api/v1/counters/${q1}/access`, {
      agencyIds: ['ag-khong-co'],
      officerIds: [],
    });
    expect(badAgency.statusCode).toBe(400);
    expect(badAgency.json<{ error: { message: string } }>().error.message).toBe('Không có cơ quan mã "ag-khong-co".');
    const badOfficer = await call('PUT', `/api/v1/counters/${q1}/access`, { agencyIds: [], officerIds: ['cb-gia'] });
    expect(badOfficer.json<{ error: { message: string } }>().error.message).toBe('Không có cán bộ mã "cb-gia".');
    const noCounter = await call('PUT', '/api/v1/counters/q-khong-co/access', { agencyIds: [], officerIds: [] });
    expect(noCounter.statusCode).toBe(404);
    expect((await call('GET', '/api/v1/counters/access')).json()).toEqual(before);

    // A supervisor may read who signs in where but not change it.
    const supervisor = await s.app.inject({
      method: 'PUT',
      url: `/api/v1/counters/${q1}/access`,
      payload: { agencyIds: [], officerIds: [] },
    });
    expect(supervisor.statusCode).toBe(401);

    // Deleting the counter forgets its links.
    expect((await call('DELETE', `/api/v1/counters/${q1}`)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/counters/access')).json()).toEqual([]);
    const left = await s.app.hailong.db.selectFrom('counter_officers').selectAll().execute();
    expect(left).toEqual([]);
  });
});
