import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  auth,
  enrollDevice,
  firstLogin,
  rating,
  startTestServer,
  sync,
  type SyncBody,
  type TestServer,
} from './support.ts';

/** Issue 13 §1: one server, several centres; every route keeps a centre's users to their centre. */
interface Centre {
  id: number;
  code: string;
  name: string;
}

async function call(app: FastifyInstance, token: string, method: string, url: string, payload?: object) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: auth(token),
    ...(payload ? { payload } : {}),
  });
}

async function created<T>(app: FastifyInstance, token: string, url: string, payload: object): Promise<T> {
  const res = await call(app, token, 'POST', url, payload);
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

describe.each(BACKENDS)('centres on %s', (backend) => {
  let s: TestServer;
  let first: Centre;
  let second: Centre;
  let supervisorA: string;
  let adminA: string;
  beforeEach(async () => {
    s = await startTestServer(backend, { now: () => new Date('2026-11-28T03:00:00.000Z') });
    const centres = (await call(s.app, s.admin, 'GET', '/api/v1/centres')).json<Centre[]>();
    first = centres[0]!;
    second = await created<Centre>(s.app, s.admin, '/api/v1/centres', {
      code: 'xa-tan-an',
      name: 'Bộ phận một cửa xã Tân An',
    });
    await created(s.app, s.admin, '/api/v1/users', {
      username: 'giamsat.a',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
    });
    await created(s.app, s.admin, '/api/v1/users', {
      username: 'quantri.a',
      password: 'mat-khau-quan-tri',
      role: 'admin',
      centreId: first.id,
    });
    supervisorA = await firstLogin(s.app, 'giamsat.a', 'mat-khau-giam-sat');
    adminA = await firstLogin(s.app, 'quantri.a', 'mat-khau-quan-tri');
  });
  afterEach(async () => s.close());

  it('lets only a province admin add centres; codes are unique; an upgraded server is centre #1', async () => {
    expect(first).toEqual({ id: 1, code: 'TT01', name: 'Trung tâm Phục vụ hành chính công tỉnh' });
    expect(second.id).toBeGreaterThan(first.id);
    expect(second).toMatchObject({ code: 'XA-TAN-AN', name: 'Bộ phận một cửa xã Tân An' });
    const again = await call(s.app, s.admin, 'POST', '/api/v1/centres', { code: 'XA-TAN-AN', name: 'Khác' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { message: string } }>().error.message).toContain('Đã có trung tâm mã');
    for (const token of [supervisorA, adminA]) {
      const refused = await call(s.app, token, 'POST', '/api/v1/centres', { code: 'X2', name: 'Xã 2' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json<{ error: { message: string } }>().error.message).toContain('cấp tỉnh');
    }
    const bad = await call(s.app, s.admin, 'POST', '/api/v1/centres', { code: 'có dấu', name: 'X' });
    expect(bad.statusCode).toBe(400);
    expect((await call(s.app, s.admin, 'GET', '/api/v1/centres')).json<Centre[]>()).toHaveLength(2);
    // A centre's user sees only their own centre.
    expect((await call(s.app, supervisorA, 'GET', '/api/v1/centres')).json<Centre[]>()).toEqual([first]);
    const me: unknown = (await call(s.app, adminA, 'GET', '/api/v1/auth/me')).json();
    expect(me).toEqual({ username: 'quantri.a', role: 'admin', centreId: first.id, mustChangePassword: false });
  });

  it('creates counters, officers, users and enrolment codes at the first centre unless told; numbers repeat across centres', async () => {
    const c1 = await created<{ id: string }>(s.app, s.admin, '/api/v1/counters', { number: 1, name: 'Quầy 1' });
    const c2 = await created<{ id: string }>(s.app, s.admin, '/api/v1/counters', {
      number: 1,
      name: 'Quầy 1 xã',
      centreId: second.id,
    });
    expect(c1.id).not.toBe(c2.id);
    const clash = await call(s.app, s.admin, 'POST', '/api/v1/counters', {
      number: 1,
      name: 'Lặp',
      centreId: second.id,
    });
    expect(clash.statusCode).toBe(409);
    const unknown = await call(s.app, s.admin, 'POST', '/api/v1/counters', { number: 5, name: 'X', centreId: 999 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { message: string } }>().error.message).toContain('Không có trung tâm số 999');
    const o1 = await created<{ id: string; centreId: number }>(s.app, s.admin, '/api/v1/officers', {
      fullName: 'Nguyễn Văn A',
      agencyId: 'ag-01',
    });
    const o2 = await created<{ id: string; centreId: number }>(s.app, s.admin, '/api/v1/officers', {
      fullName: 'Trần Thị B',
      agencyId: 'ag-01',
      centreId: second.id,
    });
    expect([o1.centreId, o2.centreId]).toEqual([first.id, second.id]);
    const userB = await created<{ centreId: number; role: string }>(s.app, s.admin, '/api/v1/users', {
      username: 'giamsat.b',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
      centreId: second.id,
    });
    expect(userB).toMatchObject({ centreId: second.id, role: 'supervisor' });
    const province = await created<{ centreId: number | null; role: string }>(s.app, s.admin, '/api/v1/users', {
      username: 'tinh',
      password: 'mat-khau-cap-tinh',
      role: 'province_admin',
      centreId: second.id,
    });
    expect(province).toMatchObject({ centreId: null, role: 'province_admin' });
    // A centre's admin cannot hand out province rights nor create at another centre.
    expect(
      (
        await call(s.app, adminA, 'POST', '/api/v1/users', {
          username: 'leo',
          password: 'mat-khau-leo-quyen',
          role: 'province_admin',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(s.app, adminA, 'POST', '/api/v1/officers', {
          fullName: 'X',
          agencyId: 'ag-01',
          centreId: second.id,
        })
      ).statusCode,
    ).toBe(403);
    // A centre's admin creates at their own centre without naming it.
    const own = await created<{ centreId: number }>(s.app, adminA, '/api/v1/officers', {
      fullName: 'Lê C',
      agencyId: 'ag-01',
    });
    expect(own.centreId).toBe(first.id);
    // Lists are narrowed for a centre's users; a province admin may filter.
    const idsOf = (res: { json: () => unknown }) => (res.json() as { id: string }[]).map((o) => o.id);
    expect(idsOf(await call(s.app, supervisorA, 'GET', '/api/v1/officers'))).not.toContain(o2.id);
    expect(idsOf(await call(s.app, s.admin, 'GET', `/api/v1/officers?centreId=${second.id}`))).toEqual([o2.id]);
    expect(idsOf(await call(s.app, supervisorA, 'GET', '/api/v1/counters'))).toEqual([c1.id]);
  });

  it('sends a kiosk only its own centre’s name, counters and officers', async () => {
    await created(s.app, s.admin, '/api/v1/counters', { number: 1, name: 'Quầy tỉnh' });
    await created(s.app, s.admin, '/api/v1/counters', { number: 7, name: 'Quầy xã', centreId: second.id });
    const oa = await created<{ id: string }>(s.app, s.admin, '/api/v1/officers', {
      fullName: 'Cán bộ tỉnh',
      agencyId: 'ag-01',
    });
    const ob = await created<{ id: string }>(s.app, s.admin, '/api/v1/officers', {
      fullName: 'Cán bộ xã',
      agencyId: 'ag-01',
      centreId: second.id,
    });
    for (const [id, pin] of [
      [oa.id, '482913'],
      [ob.id, '573920'],
    ] as const) {
      expect((await call(s.app, s.admin, 'POST', `/api/v1/officers/${id}/pin`, { pin })).statusCode).toBe(200);
    }
    const kioskB = await enrollDevice(s.app, s.admin, 'Kiosk xã', second.id);
    const kioskA = await enrollDevice(s.app, s.admin, 'Kiosk tỉnh', first.id);
    type Config = NonNullable<SyncBody['config']> & {
      centreName: string;
      counters: { number: number; name: string }[];
    };
    const configOf = async (token: string) => (await sync(s.app, token, [])).json<SyncBody>().config as Config;
    const b = await configOf(kioskB.token);
    expect(b.centreName).toBe('Bộ phận một cửa xã Tân An');
    expect(b.officers.map((o) => o.id)).toEqual([ob.id]);
    expect(Object.keys(b.officerPins)).toEqual([ob.id]);
    expect(b.counters.map(({ number, name }) => ({ number, name }))).toEqual([{ number: 7, name: 'Quầy xã' }]);
    const a = await configOf(kioskA.token);
    expect(a.centreName).toBe(first.name);
    expect(a.officers.map((o) => o.id)).toEqual([oa.id]);
    expect(a.counters.map((c) => c.name)).toEqual(['Quầy tỉnh']);
    // A counter of the other centre cannot be given to the kiosk.
    const counterA = (await call(s.app, s.admin, 'GET', `/api/v1/counters?centreId=${first.id}`)).json<
      { id: string }[]
    >()[0]!;
    const wrong = await call(s.app, s.admin, 'PATCH', `/api/v1/devices/${kioskB.deviceId}`, {
      role: 'counter',
      counterId: counterA.id,
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('walks every route of the table as a centre A user against centre B: 403 or 404, nothing changed', async () => {
    const counterB = await created<{ id: string }>(s.app, s.admin, '/api/v1/counters', {
      number: 3,
      name: 'Quầy B',
      centreId: second.id,
    });
    const officerB = await created<{ id: string }>(s.app, s.admin, '/api/v1/officers', {
      fullName: 'Cán bộ B',
      agencyId: 'ag-01',
      centreId: second.id,
    });
    const userB = await created<{ id: string }>(s.app, s.admin, '/api/v1/users', {
      username: 'giamsat.b',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
      centreId: second.id,
    });
    const kioskB = await enrollDevice(s.app, s.admin, 'Kiosk B', second.id);
    const idFor = (path: string) =>
      path.startsWith('/api/v1/officers')
        ? officerB.id
        : path.startsWith('/api/v1/devices')
          ? kioskB.deviceId
          : path.startsWith('/api/v1/users')
            ? userB.id
            : counterB.id;
    const doc = (await s.app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, { security?: object[] }>>;
    }>();
    const userRoutes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.security?.some((entry) => 'session' in entry))
        .map(([method]) => ({ method: method.toUpperCase(), path })),
    );
    expect(userRoutes.length).toBeGreaterThan(50);
    const configBefore = (await call(s.app, s.admin, 'GET', `/api/v1/config?centreId=${second.id}`)).body;
    const walked: string[] = [];
    for (const token of [supervisorA, adminA]) {
      for (const { method, path } of userRoutes) {
        const url = `${path.replace('{id}', encodeURIComponent(idFor(path)))}?centreId=${second.id}&centre=${second.code}&from=2026-11-01&to=2026-11-30`;
        const payload = method === 'GET' || method === 'DELETE' ? undefined : { centreId: second.id };
        const res = await call(s.app, token, method, url, payload);
        walked.push(`${res.statusCode} ${method} ${path}`);
        expect([403, 404], `${method} ${path} → ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        expect(res.json<{ error: { message: string } }>().error.message).toMatch(
          /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i,
        );
      }
    }
    expect(walked.length).toBe(userRoutes.length * 2);
    // Nothing of centre B changed, and its ids answer a centre A user as if they did not exist.
    expect((await call(s.app, s.admin, 'GET', `/api/v1/config?centreId=${second.id}`)).body).toBe(configBefore);
    const patch = await call(s.app, adminA, 'PATCH', `/api/v1/counters/${counterB.id}`, { name: 'Đổi' });
    expect(patch.statusCode).toBe(404);
    const pin = await call(s.app, adminA, 'POST', `/api/v1/officers/${officerB.id}/pin`, { pin: '123456' });
    expect(pin.statusCode).toBe(404);
    // The same user reaches their own centre's rows through the same routes.
    const counterA = await created<{ id: string }>(s.app, adminA, '/api/v1/counters', { number: 3, name: 'Quầy A' });
    expect(
      (await call(s.app, adminA, 'PATCH', `/api/v1/counters/${counterA.id}`, { name: 'Quầy A mới' })).statusCode,
    ).toBe(200);
    // Lists leave B out.
    for (const list of ['/api/v1/counters', '/api/v1/officers', '/api/v1/devices', '/api/v1/centres']) {
      const body = (await call(s.app, supervisorA, 'GET', list)).body;
      for (const id of [counterB.id, officerB.id, kioskB.deviceId, second.code]) expect(body, list).not.toContain(id);
    }
    expect((await call(s.app, adminA, 'GET', '/api/v1/users')).body).not.toContain('giamsat.b');
  });

  it('keeps province-wide settings to the province admin once there are several centres', async () => {
    // The rating scale and the agencies' names are the province's (issue 13 §1).
    const scale: unknown = (await call(s.app, adminA, 'GET', '/api/v1/rating-scale')).json();
    const res = await call(s.app, adminA, 'PUT', '/api/v1/rating-scale', scale as object);
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { message: string } }>().error.message).toContain('quản trị viên cấp tỉnh');
    const agencyName = await call(s.app, adminA, 'PATCH', '/api/v1/agencies/ag-01', { name: 'Đổi tên' });
    expect(agencyName.statusCode).toBe(403);
    expect(agencyName.json<{ error: { message: string } }>().error.message).toContain('quản trị viên cấp tỉnh');
    // Their own centre's name they may change.
    const renamed = await call(s.app, adminA, 'PUT', '/api/v1/centre', { centreName: 'Trung tâm tỉnh (mới)' });
    expect(renamed.statusCode).toBe(200);
    expect((await call(s.app, s.admin, 'GET', '/api/v1/centres')).json<Centre[]>()[0]!.name).toBe(
      'Trung tâm tỉnh (mới)',
    );
    expect((await call(s.app, s.admin, 'GET', `/api/v1/centre?centreId=${second.id}`)).json()).toEqual({
      centreName: second.name,
    });
  });

  it('keeps an officer’s past ratings with the centre they worked at when they move', async () => {
    const officer = await created<{ id: string }>(s.app, s.admin, '/api/v1/officers', {
      fullName: 'Phạm Văn Chuyển',
      agencyId: 'ag-01',
    });
    const kioskA = await enrollDevice(s.app, s.admin, 'Kiosk A', first.id);
    const before = await sync(s.app, kioskA.token, [
      rating({ officerId: officer.id, agencyId: 'ag-01', occurredAt: '2026-11-20T09:00:00.000+07:00' }),
    ]);
    expect(before.statusCode).toBe(200);
    // Moved on 28/11 (the server's day): 20/11 stays with centre A.
    const moved = await call(s.app, s.admin, 'PATCH', `/api/v1/officers/${officer.id}`, { centreId: second.id });
    expect(moved.statusCode).toBe(200);
    const kioskB = await enrollDevice(s.app, s.admin, 'Kiosk B', second.id);
    await sync(s.app, kioskB.token, [
      rating({
        officerId: officer.id,
        agencyId: 'ag-01',
        occurredAt: '2026-11-28T09:00:00.000+07:00',
        level: 'kha',
      }),
    ]);
    type Report = { rows: { officerId: string; counts: number[] }[]; totals: number[] };
    const report = async (code: string) =>
      (
        await call(s.app, s.admin, 'GET', `/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-30&centre=${code}`)
      ).json<Report>();
    const a = await report(first.code);
    const b = await report(second.code);
    expect(a.rows.find((r) => r.officerId === officer.id)!.counts.reduce((x, y) => x + y, 0)).toBe(1);
    expect(b.rows.find((r) => r.officerId === officer.id)!.counts.reduce((x, y) => x + y, 0)).toBe(1);
  });
});
