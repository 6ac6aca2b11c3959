import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createUserWithOwnPassword,
  ADMIN_PASSWORD,
  BACKENDS,
  auth,
  enrollDevice,
  login,
  startTestServer,
  sync,
  type TestServer,
} from './support.ts';

describe.each(BACKENDS)('accounts, roles and devices on %s', (backend) => {
  let s: TestServer;
  let clockMs = Date.parse('2026-11-28T02:00:00.000Z');
  beforeEach(async () => {
    clockMs = Date.parse('2026-11-28T02:00:00.000Z');
    s = await startTestServer(backend, { now: () => new Date(clockMs) });
  });
  afterEach(async () => s.close());

  async function supervisor(): Promise<string> {
    await createUserWithOwnPassword(s.app, s.admin, {
      username: 'giamsat',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
    });
    return login(s.app, 'giamsat', 'mat-khau-giam-sat');
  }

  it('answers health and the OpenAPI document', async () => {
    const health = await s.app.inject({ url: '/healthz' });
    expect(health.json()).toEqual({ ok: true, db: backend });
    const doc = (await s.app.inject({ url: '/api/v1/openapi.json' })).json<{
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>
      >;
    }>();
    const syncBody = doc.paths['/api/v1/sync']!.post!.requestBody!.content['application/json']!.schema;
    expect(syncBody.required).toEqual(expect.arrayContaining(['deviceTime', 'events']));
    expect(Object.keys(doc.paths['/api/v1/staff/import']!.post!.requestBody!.content)).toContain('text/csv');
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/sync',
        '/api/v1/auth/login',
        '/api/v1/reports/phu-luc-2',
        '/api/v1/officers/{id}/pin',
      ]),
    );
  });

  it('refuses calls without a token with 401 and a Vietnamese reason', async () => {
    const res = await s.app.inject({ url: '/api/v1/officers' });
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { code: string; message: string } }>().error.message).toMatch(/đăng nhập/);
    const bad = await s.app.inject({ url: '/api/v1/officers', headers: auth('khong-dung') });
    expect(bad.statusCode).toBe(401);
  });

  it('refuses a wrong password and limits repeated failures', async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await s.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'sai' },
      });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<{ error: { message: string } }>().error.message).toMatch(/thử lại sau/);
    clockMs += 16 * 60_000;
    expect(await login(s.app, 'admin', ADMIN_PASSWORD)).toBeTruthy();
  });

  it('lets a supervisor read but not write (403), and an admin write', async () => {
    const token = await supervisor();
    expect((await s.app.inject({ url: '/api/v1/officers', headers: auth(token) })).statusCode).toBe(200);
    const write = await s.app.inject({
      method: 'POST',
      url: '/api/v1/officers',
      headers: auth(token),
      payload: { fullName: 'Lê Văn B', agencyId: 'ag-01' },
    });
    expect(write.statusCode).toBe(403);
    const codes = await s.app.inject({ method: 'POST', url: '/api/v1/devices/enrollment-codes', headers: auth(token) });
    expect(codes.statusCode).toBe(403);
    expect((await s.app.inject({ url: '/api/v1/users', headers: auth(token) })).statusCode).toBe(403);
    const byAdmin = await s.app.inject({
      method: 'POST',
      url: '/api/v1/officers',
      headers: auth(s.admin),
      payload: { fullName: 'Lê Văn B', agencyId: 'ag-01' },
    });
    expect(byAdmin.statusCode).toBe(201);
  });

  it('accepts the session cookie, but a cookie write needs the CSRF header', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const { csrfToken } = res.json<{ csrfToken: string }>();
    expect((await s.app.inject({ url: '/api/v1/agencies', headers: { cookie } })).statusCode).toBe(200);
    const payload = { fullName: 'Phạm Thị C', agencyId: 'ag-02' };
    const noCsrf = await s.app.inject({ method: 'POST', url: '/api/v1/officers', headers: { cookie }, payload });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await s.app.inject({
      method: 'POST',
      url: '/api/v1/officers',
      headers: { cookie, 'x-hailong-csrf': csrfToken },
      payload,
    });
    expect(withCsrf.statusCode).toBe(201);
  });

  it('ends the session at logout', async () => {
    const token = await login(s.app, 'admin', ADMIN_PASSWORD);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: auth(token) })).statusCode).toBe(
      200,
    );
    expect((await s.app.inject({ url: '/api/v1/agencies', headers: auth(token) })).statusCode).toBe(401);
  });

  it('uses an enrolment code once, and not after it expires', async () => {
    const code = (
      await s.app.inject({ method: 'POST', url: '/api/v1/devices/enrollment-codes', headers: auth(s.admin) })
    ).json<{ code: string; expiresAt: string }>();
    expect(Date.parse(code.expiresAt) - clockMs).toBe(24 * 3_600_000);
    const first = await s.app.inject({
      method: 'POST',
      url: '/api/v1/devices/enroll',
      payload: { code: code.code.toLowerCase(), name: 'Kiosk 1' },
    });
    expect(first.statusCode).toBe(201);
    const again = await s.app.inject({
      method: 'POST',
      url: '/api/v1/devices/enroll',
      payload: { code: code.code, name: 'Kiosk 2' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json<{ error: { message: string } }>().error.message).toMatch(/đã được dùng/);

    const late = (
      await s.app.inject({ method: 'POST', url: '/api/v1/devices/enrollment-codes', headers: auth(s.admin) })
    ).json<{ code: string }>();
    clockMs += 24 * 3_600_000 + 1;
    const expired = await s.app.inject({
      method: 'POST',
      url: '/api/v1/devices/enroll',
      payload: { code: late.code, name: 'Kiosk 3' },
    });
    expect(expired.statusCode).toBe(400);
    expect(expired.json<{ error: { message: string } }>().error.message).toMatch(/hết hạn/);
    // A day later the admin's 12-hour session has ended too.
    expect((await s.app.inject({ url: '/api/v1/devices', headers: auth(s.admin) })).statusCode).toBe(401);
    const fresh = await login(s.app, 'admin', ADMIN_PASSWORD);
    const devices = (await s.app.inject({ url: '/api/v1/devices', headers: auth(fresh) })).json<{ name: string }[]>();
    expect(devices.map((d) => d.name)).toEqual(['Kiosk 1']);
  });

  it('refuses a revoked device token with 401', async () => {
    const device = await enrollDevice(s.app, s.admin);
    expect((await sync(s.app, device.token, [])).statusCode).toBe(200);
    const revoke = await s.app.inject({
      method: 'POST',
      url: `/api/v1/devices/${device.deviceId}/revoke`,
      headers: auth(s.admin),
    });
    expect(revoke.statusCode).toBe(200);
    const after = await sync(s.app, device.token, []);
    expect(after.statusCode).toBe(401);
    expect(after.json<{ error: { message: string } }>().error.message).toMatch(/thu hồi/);
    const listed = (await s.app.inject({ url: '/api/v1/devices', headers: auth(s.admin) })).json<
      { revoked: boolean }[]
    >();
    expect(listed[0]!.revoked).toBe(true);
    // A user session is not a device token, and a device token is not a session.
    expect((await sync(s.app, s.admin, [])).statusCode).toBe(401);
    expect((await s.app.inject({ url: '/api/v1/officers', headers: auth(device.token) })).statusCode).toBe(401);
  });
});
