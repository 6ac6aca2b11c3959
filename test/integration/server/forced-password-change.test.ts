import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD_CHANGE_REQUIRED } from '../../../server/auth/guard.ts';
import { BACKENDS, auth, login, startTestServer, type TestServer } from './support.ts';

/** Issue 10: a password someone else chose is replaced at the first login, before anything else. */
describe.each(BACKENDS)('forced password change (%s)', (backend) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(backend);
  });
  afterEach(async () => s.close());

  const get = (url: string, token: string) => s.app.inject({ url, headers: auth(token) });
  const change = (token: string, currentPassword: string, newPassword: string) =>
    s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: auth(token),
      payload: { currentPassword, newPassword },
    });

  it('an account an admin created works only after its owner chose a password', async () => {
    const created = await s.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: auth(s.admin),
      payload: { username: 'giamsat', password: 'mat-khau-quan-tri-dat', role: 'supervisor' },
    });
    expect(created.statusCode).toBe(201);
    const first = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'giamsat', password: 'mat-khau-quan-tri-dat' },
    });
    expect(first.json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(true);
    const token = first.json<{ token: string }>().token;

    for (const url of [
      '/api/v1/console/today',
      '/api/v1/officers',
      '/api/v1/console/ratings?from=2026-01-01&to=2026-01-31',
    ]) {
      const refused = await get(url, token);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json()).toEqual({
        error: { code: 'password_change_required', message: PASSWORD_CHANGE_REQUIRED },
      });
    }
    // Who they are and the change itself stay reachable.
    expect((await get('/api/v1/auth/me', token)).json()).toEqual({
      username: 'giamsat',
      role: 'supervisor',
      centreId: 1,
      mustChangePassword: true,
    });
    // Wrong current password, the same password again, too short: refused, nothing changes.
    const wrong = await change(token, 'khong-phai-mat-khau', 'mat-khau-cua-toi-1');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { message: string } }>().error.message).toBe('Mật khẩu hiện tại không đúng.');
    const same = await change(token, 'mat-khau-quan-tri-dat', 'mat-khau-quan-tri-dat');
    expect(same.statusCode).toBe(400);
    expect(same.json<{ error: { message: string } }>().error.message).toContain(
      'Mật khẩu mới phải khác mật khẩu hiện tại',
    );
    expect((await change(token, 'mat-khau-quan-tri-dat', 'ngan')).statusCode).toBe(400);
    expect((await get('/api/v1/officers', token)).statusCode).toBe(403);

    expect((await change(token, 'mat-khau-quan-tri-dat', 'mat-khau-cua-toi-1')).statusCode).toBe(200);
    expect((await get('/api/v1/officers', token)).statusCode).toBe(200);
    expect((await get('/api/v1/auth/me', token)).json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(
      false,
    );
    // The old password no longer opens the account; the new one does, with nothing to change.
    const old = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'giamsat', password: 'mat-khau-quan-tri-dat' },
    });
    expect(old.statusCode).toBe(401);
    const again = await login(s.app, 'giamsat', 'mat-khau-cua-toi-1');
    expect((await get('/api/v1/console/today', again)).statusCode).toBe(200);
  });

  it('a password the admin sets for someone else must be replaced; the admin’s own change need not', async () => {
    const created = await s.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: auth(s.admin),
      payload: { username: 'giamsat', password: 'mat-khau-quan-tri-dat', role: 'supervisor' },
    });
    const { id } = created.json<{ id: string }>();
    const token = await login(s.app, 'giamsat', 'mat-khau-quan-tri-dat');
    expect((await change(token, 'mat-khau-quan-tri-dat', 'mat-khau-cua-toi-1')).statusCode).toBe(200);
    const patched = await s.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${id}`,
      headers: auth(s.admin),
      payload: { password: 'mat-khau-cap-lai-1' },
    });
    expect(patched.statusCode).toBe(200);
    const after = await login(s.app, 'giamsat', 'mat-khau-cap-lai-1');
    expect((await get('/api/v1/officers', after)).statusCode).toBe(403);
    // The admin set up with HAILONG_ADMIN_PASSWORD chose it: nothing to change.
    expect((await get('/api/v1/officers', s.admin)).statusCode).toBe(200);
  });
});
