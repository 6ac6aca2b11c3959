import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, auth, startTestServer, type TestServer } from './support.ts';

const MB = 1024 * 1024;

describe('request body limits', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer('sqlite');
  });
  afterEach(async () => s.close());

  it('refuses big bodies on login and enrolment, in JSON or as a file, without reading them', async () => {
    const big = { username: 'admin', password: 'x'.repeat(2 * MB) };
    for (const url of ['/api/v1/auth/login', '/api/v1/devices/enroll']) {
      const json = await s.app.inject({ method: 'POST', url, payload: big });
      expect(json.statusCode).toBe(413);
      expect(json.json<{ error: { message: string } }>().error.message).toContain('quá lớn');
      // Far below the old 1 MB limit, far above any real login.
      const medium = await s.app.inject({
        method: 'POST',
        url,
        payload: { username: 'admin', password: 'x'.repeat(100 * 1024) },
      });
      expect(medium.statusCode).toBe(413);
      // The upload parsers belong to the staff import alone.
      for (const type of ['application/octet-stream', 'text/csv', 'multipart/form-data; boundary=x']) {
        const file = await s.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': type },
          payload: Buffer.alloc(2 * MB, 0x61),
        });
        expect(file.statusCode).toBe(415);
      }
    }
  });

  it('still takes a 2 MB staff file on the import route', async () => {
    const csv = `Họ và tên,"Cơ quan, đơn vị",Ghi chú\r\nNguyễn Văn A,Không có đơn vị này,${'a'.repeat(2 * MB)}\r\n`;
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/v1/staff/import?dryRun=1',
      headers: { ...auth(s.admin), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(200);
  });

  it('lists the import route in the OpenAPI document', async () => {
    const doc = (await s.app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toContain('/api/v1/staff/import');
  });
});

describe('login answers', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer('sqlite');
  });
  afterEach(async () => s.close());

  const login = (extra: object) =>
    s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD, ...extra },
    });

  it('keeps the token of a browser (cookie) session out of page scripts', async () => {
    const res = await login({ session: 'cookie' });
    expect(res.statusCode).toBe(200);
    const body = res.json<Record<string, unknown>>();
    expect(body).not.toHaveProperty('token');
    expect(body.csrfToken).toEqual(expect.any(String));
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    const cookie = setCookie.split(';')[0]!;
    expect(res.body).not.toContain(cookie.split('=')[1]!);
    const me = await s.app.inject({ url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.json()).toEqual({ username: 'admin', role: 'province_admin', centreId: null, mustChangePassword: false });
  });

  it('gives a bearer client its token and no cookie', async () => {
    const res = await login({ session: 'bearer' });
    expect(res.headers['set-cookie']).toBeUndefined();
    const { token } = res.json<{ token: string }>();
    expect((await s.app.inject({ url: '/api/v1/auth/me', headers: auth(token) })).statusCode).toBe(200);
  });

  it('refuses an unknown session kind', async () => {
    expect((await login({ session: 'both' })).statusCode).toBe(400);
  });
});

describe('login limiter behind a reverse proxy', () => {
  let s: TestServer | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  const attempt = (server: TestServer, forwardedFor: string, password = 'sai-mat-khau') =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { username: 'admin', password },
    });

  it('with trustProxy, counts failures per client address from X-Forwarded-For', async () => {
    s = await startTestServer('sqlite', { trustProxy: 1, loginAttempts: 2 });
    expect((await attempt(s, '203.0.113.7')).statusCode).toBe(401);
    expect((await attempt(s, '203.0.113.7')).statusCode).toBe(401);
    expect((await attempt(s, '203.0.113.7')).statusCode).toBe(429);
    // Another person behind the same proxy is not locked out by the first one's mistakes.
    expect((await attempt(s, '198.51.100.9', ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it('without it (the default), ignores the header: a client cannot dodge the limiter by forging it', async () => {
    s = await startTestServer('sqlite', { loginAttempts: 2 });
    expect((await attempt(s, '203.0.113.7')).statusCode).toBe(401);
    expect((await attempt(s, '203.0.113.8')).statusCode).toBe(401);
    expect((await attempt(s, '203.0.113.9')).statusCode).toBe(429);
  });
});
