// A central server reached over real HTTP (a child process): what a technician and a kiosk do
// through the public API, to provision a centre without --demo.

/** One request; the body is parsed JSON, for the caller to check and narrow. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as unknown, headers: response.headers };
}

async function expectOk<T>(result: Promise<{ status: number; body: unknown }>, what: string): Promise<T> {
  const { status, body } = await result;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body as T;
}

/** Logs in; returns the bearer token and the browser's session cookie (name=value). */
export async function remoteLogin(base: string, username: string, password: string) {
  const res = await call(base, 'POST', '/api/v1/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { token: (res.body as { token: string }).token, cookie };
}

/**
 * A console account an admin creates (at `centreId` when given), logged in after changing its
 * temporary password as a first login must; returns its bearer token.
 */
export async function remoteUser(
  base: string,
  admin: string,
  user: { username: string; password: string; role: 'admin' | 'supervisor'; centreId?: number },
): Promise<string> {
  const temporary = `${user.password}-tam-thoi`;
  await expectOk(call(base, 'POST', '/api/v1/users', { token: admin, body: { ...user, password: temporary } }), 'user');
  const first = await remoteLogin(base, user.username, temporary);
  await expectOk(
    call(base, 'POST', '/api/v1/auth/password', {
      token: first.token,
      body: { currentPassword: temporary, newPassword: user.password },
    }),
    'password change',
  );
  return (await remoteLogin(base, user.username, user.password)).token;
}

/**
 * One counter, its queue service and one officer, set up by an admin the way a technician would.
 * `key` makes the ids unique when counter numbers repeat (one set per centre); `centreId` is sent
 * only when given (the centres of issue 13 §1).
 */
export async function provisionCounter(
  base: string,
  admin: string,
  counter: { number: number; agencyId: string; key?: string; centreId?: string | number },
) {
  const key = counter.key ?? String(counter.number);
  const centre = counter.centreId === undefined ? {} : { centreId: counter.centreId };
  const counterId = `q-${key}`;
  await expectOk(
    call(base, 'POST', '/api/v1/counters', {
      token: admin,
      body: { id: counterId, number: counter.number, name: `Quầy số ${counter.number}`, ...centre },
    }),
    'counter',
  );
  const serviceId = `dv-${key}`;
  await expectOk(
    call(base, 'PUT', `/api/v1/services/${serviceId}`, {
      token: admin,
      body: {
        id: serviceId,
        counterId,
        name: 'Chứng thực',
        prefix: '',
        start: 1001,
        end: 1999,
        step: 1,
        dailyCap: 999,
      },
    }),
    'service',
  );
  const officer = await expectOk<{ id: string }>(
    call(base, 'POST', '/api/v1/officers', {
      token: admin,
      body: { fullName: `Trần Thị Bền ${key}`, agencyId: counter.agencyId, ...centre },
    }),
    'officer',
  );
  return { counterId, serviceId, officerId: officer.id };
}

/** Enrols a kiosk through the public protocol (at `centreId` when given). */
export async function remoteEnroll(base: string, admin: string, name: string, centreId?: string) {
  const code = await expectOk<{ code: string }>(
    call(base, 'POST', '/api/v1/devices/enrollment-codes', {
      token: admin,
      body: centreId === undefined ? {} : { centreId },
    }),
    'enrollment code',
  );
  return expectOk<{ deviceId: string; token: string }>(
    call(base, 'POST', '/api/v1/devices/enroll', {
      body: { code: code.code, name },
    }),
    'enroll',
  );
}

export interface SyncResult {
  accepted: string[];
  duplicates: string[];
  rejected: { id: string | null; reason: string }[];
}

/** One sync batch as a kiosk sends it. */
export function remoteSync(base: string, deviceToken: string, events: unknown[]): Promise<SyncResult> {
  return expectOk<SyncResult>(
    call(base, 'POST', '/api/v1/sync', {
      token: deviceToken,
      body: { deviceTime: new Date().toISOString(), events },
    }),
    'sync',
  );
}
