import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  login,
  rating,
  startTestServer,
  sync,
  type SyncBody,
  type TestServer,
} from './support.ts';

describe.each(BACKENDS)('configuration on %s', (backend) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(backend);
  });
  afterEach(async () => s.close());

  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    s.app.inject({ method, url, headers: auth(s.admin), ...(payload ? { payload } : {}) });
  const version = async () =>
    (
      await s.app.hailong.db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', 'config.version')
        .executeTakeFirstOrThrow()
    ).value;

  it('seeds the 17 agencies in official order and the four-level scale', async () => {
    const agencies = (await req('GET', '/api/v1/agencies')).json<{ id: string; name: string; order: number }[]>();
    expect(agencies).toHaveLength(17);
    expect(agencies[0]).toEqual({ id: 'ag-01', name: 'Sở Công Thương', order: 1, active: true });
    expect(agencies[16]).toMatchObject({ name: 'Bảo hiểm xã hội tỉnh', order: 17 });
    const scale = (await req('GET', '/api/v1/rating-scale')).json<{ code: string }[]>();
    expect(scale.map((l) => l.code)).toEqual(['tot', 'kha', 'trung_binh', 'kem']);
    expect((await req('GET', '/api/v1/reasons')).json<unknown[]>()).toHaveLength(5);
  });

  it('bumps the version on every change, and refuses duplicates and bad input in Vietnamese', async () => {
    const v0 = Number(await version());
    const created = await req('POST', '/api/v1/agencies', { name: 'Sở Ngoại vụ', order: 18 });
    expect(created.statusCode).toBe(201);
    expect(Number(await version())).toBe(v0 + 1);
    const clash = await req('POST', '/api/v1/agencies', { name: '  sở   ngoại VỤ ', order: 19 });
    expect(clash.statusCode).toBe(409);
    expect(clash.json<{ error: { message: string } }>().error.message).toMatch(/Đã có cơ quan, đơn vị/);
    expect(Number(await version())).toBe(v0 + 1);

    const counter = await req('POST', '/api/v1/counters', { number: 7, name: 'Quầy số 7' });
    expect(counter.json()).toEqual({ id: 'q-7', number: 7, name: 'Quầy số 7' });
    expect((await req('POST', '/api/v1/counters', { number: 7, name: 'Lặp' })).statusCode).toBe(409);
    expect((await req('PATCH', '/api/v1/counters/q-7', { name: 'Quầy 7 (ưu tiên)' })).json()).toMatchObject({
      name: 'Quầy 7 (ưu tiên)',
    });
    expect((await req('DELETE', '/api/v1/counters/q-7')).statusCode).toBe(200);
    expect((await req('DELETE', '/api/v1/counters/q-7')).statusCode).toBe(404);

    const badOfficer = await req('POST', '/api/v1/officers', { fullName: '', agencyId: 'ag-01' });
    expect(badOfficer.statusCode).toBe(400);
    expect(badOfficer.json<{ error: { message: string } }>().error.message).toMatch(/fullName/);
    const noAgency = await req('POST', '/api/v1/officers', { fullName: 'Lê Văn A', agencyId: 'ag-99' });
    expect(noAgency.statusCode).toBe(400);
    expect(noAgency.json<{ error: { message: string } }>().error.message).toMatch(
      /Không có cơ quan, đơn vị mã "ag-99"/,
    );
    const badDates = await req('POST', '/api/v1/officers', {
      fullName: 'Lê Văn A',
      agencyId: 'ag-01',
      activeFrom: '2026-12-01',
      activeTo: '2026-01-01',
    });
    expect(badDates.statusCode).toBe(400);
    const badPin = await req('POST', '/api/v1/officers/cb-x/pin', { pin: '12' });
    expect(badPin.json<{ error: { message: string } }>().error.message).toMatch(/PIN/);
  });

  it('manages queue services and priority categories, and sends them to kiosks', async () => {
    const service = {
      id: 'dv-ho-tich',
      counterId: 'q-1',
      name: 'Hộ tịch',
      prefix: 'A',
      start: 1,
      end: 999,
      step: 1,
      dailyCap: 300,
      order: 1,
    };
    expect((await req('PUT', '/api/v1/services/dv-ho-tich', service)).statusCode).toBe(200);
    const bad = await req('PUT', '/api/v1/services/dv-ho-tich', { ...service, start: 50, end: 10 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(/Số cuối/);
    await req('PUT', '/api/v1/priority-categories', [{ code: 'nguoi_cao_tuoi', label: 'Người cao tuổi', order: 1 }]);
    const device = await enrollDevice(s.app, s.admin);
    const body = (await sync(s.app, device.token, [])).json<
      SyncBody & { config: { queue: { services: { id: string }[]; priorities: unknown[] } } }
    >();
    expect(body.config.queue.services.map((x) => x.id)).toEqual(['dv-ho-tich']);
    expect(body.config.queue.priorities).toHaveLength(1);
    expect((await req('DELETE', '/api/v1/services/dv-ho-tich')).statusCode).toBe(200);
    expect((await req('GET', '/api/v1/services')).json()).toEqual([]);
  });

  it('gives new officers and agencies a full UUID, not eight hex digits', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Vũ Đình Khải', agencyId: 'ag-14' });
    expect(officer.replace(/^cb-/, '')).toMatch(uuid);
    const agency = await req('POST', '/api/v1/agencies', { name: 'Sở Ngoại vụ', order: 18, active: true });
    expect(agency.json<{ id: string }>().id.replace(/^ag-/, '')).toMatch(uuid);
  });

  it('keeps every one of many queue edits made at the same moment', async () => {
    const service = (i: number) => ({
      id: `dv-${i}`,
      counterId: 'q-1',
      name: `Dịch vụ ${i}`,
      prefix: 'A',
      start: 1,
      end: 999,
      step: 1,
      dailyCap: 300,
      order: i,
    });
    const before = Number(await version());
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => req('PUT', `/api/v1/services/dv-${i}`, service(i))),
    );
    expect(results.map((r) => r.statusCode)).toEqual(results.map(() => 200));
    const ids = (await req('GET', '/api/v1/services')).json<{ id: string }[]>().map((x) => x.id);
    expect(ids.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `dv-${i}`).sort());
    expect(Number(await version())).toBe(before + 12);
  });

  it("a province's own scale becomes the report's columns and the ingest's check", async () => {
    const scale = [
      { code: 'hai_long', label: 'Hài lòng', order: 1, low: false },
      { code: 'khong_hai_long', label: 'Không hài lòng', order: 2, low: true },
    ];
    expect((await req('PUT', '/api/v1/rating-scale', scale)).statusCode).toBe(200);
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Vũ Đình Khải', agencyId: 'ag-14' });
    const device = await enrollDevice(s.app, s.admin);
    const res = (
      await sync(s.app, device.token, [
        rating({ officerId: officer, agencyId: 'ag-14', level: 'hai_long' }),
        rating({ officerId: officer, agencyId: 'ag-14', level: 'xuat_sac' }),
      ])
    ).json<SyncBody>();
    expect(res.accepted).toHaveLength(1);
    // A code never on the scale is refused ("tot", taken off, stays accepted: report-rules.test.ts).
    expect(res.rejected[0]!.reason).toMatch(/"xuat_sac" không có trong thang/);
    const report = (await req('GET', '/api/v1/reports/phu-luc-2?from=2026-11-28&to=2026-11-28')).json<{
      levels: { label: string }[];
      rows: { counts: number[] }[];
    }>();
    expect(report.levels.map((l) => l.label)).toEqual(['Hài lòng', 'Không hài lòng']);
    expect(report.rows[0]!.counts).toEqual([1, 0]);
  });

  it('lets an admin manage accounts; a disabled account loses its sessions', async () => {
    const created = await req('POST', '/api/v1/users', {
      username: 'giamsat',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
    });
    expect(created.statusCode).toBe(201);
    expect(
      (await req('POST', '/api/v1/users', { username: 'giamsat', password: 'mat-khau-khac-1', role: 'admin' }))
        .statusCode,
    ).toBe(409);
    const short = await req('POST', '/api/v1/users', { username: 'ngan', password: 'ngan', role: 'admin' });
    expect(short.json<{ error: { message: string } }>().error.message).toMatch(/ít nhất 10 ký tự/);
    const token = await login(s.app, 'giamsat', 'mat-khau-giam-sat');
    const { id } = created.json<{ id: string }>();
    expect((await req('PATCH', `/api/v1/users/${id}`, { disabled: true })).statusCode).toBe(200);
    expect((await s.app.inject({ url: '/api/v1/officers', headers: auth(token) })).statusCode).toBe(401);
    const me = (await req('GET', '/api/v1/users')).json<{ username: string; id: string }[]>();
    const adminId = me.find((u) => u.username === 'admin')!.id;
    expect((await req('PATCH', `/api/v1/users/${adminId}`, { disabled: true })).statusCode).toBe(409);
    expect(await login(s.app, 'admin', ADMIN_PASSWORD)).toBeTruthy();
  });

  it('counts identical batches sent at the same moment once', async () => {
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Bùi Thị Lệ Quyên', agencyId: 'ag-17' });
    const device = await enrollDevice(s.app, s.admin);
    const batch = Array.from({ length: 200 }, () => rating({ officerId: officer, agencyId: 'ag-17' }));
    const answers = await Promise.all(Array.from({ length: 5 }, () => sync(s.app, device.token, batch)));
    const bodies = answers.map((a) => a.json<SyncBody>());
    expect(bodies.reduce((n, b) => n + b.accepted.length, 0)).toBe(200);
    expect(bodies.reduce((n, b) => n + b.duplicates.length, 0)).toBe(800);
    const report = (await req('GET', '/api/v1/reports/phu-luc-2?from=2026-11-28&to=2026-11-28')).json<{
      totals: number[];
    }>();
    expect(report.totals).toEqual([200, 0, 0, 0]);
  });
});
