import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../../server/app.ts';
import { hashSecret } from '../../../server/auth/secret-hash.ts';
import { parseSecretHash } from '../../../shared/node/secret-hash.ts';
import { ADMIN_PASSWORD, BACKENDS, startTestServer, type TestServer } from './support.ts';

describe.each(BACKENDS)('login throttling on %s', (backend) => {
  let s: TestServer | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  const attempt = (
    server: TestServer,
    fields: { username?: string; password?: string; address?: string; forwardedFor?: string; proto?: string } = {},
  ) =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: fields.address ?? '10.0.0.5',
      headers: {
        ...(fields.forwardedFor ? { 'x-forwarded-for': fields.forwardedFor } : {}),
        ...(fields.proto ? { 'x-forwarded-proto': fields.proto } : {}),
      },
      payload: { username: fields.username ?? 'admin', password: fields.password ?? 'doan-mo' },
    });

  it('evaluates at most five of 200 guesses sent at once; the rest are refused before hashing', async () => {
    s = await startTestServer(backend);
    const server = s;
    const answers = await Promise.all(Array.from({ length: 200 }, () => attempt(server)));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(195);
    const refused = answers.find((a) => a.statusCode === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/Đăng nhập sai quá nhiều lần/);
    // Even the right password waits for the window from that address.
    expect((await attempt(server, { password: ADMIN_PASSWORD })).statusCode).toBe(429);
  });

  it('behind one proxy trusts one hop: a forged X-Forwarded-For first entry does not reset the count', async () => {
    s = await startTestServer(backend, { trustProxy: 1 });
    const codes: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      // What the proxy sends on: the client's own (forged) header, then the address it saw.
      const res = await attempt(s, { address: '127.0.0.1', forwardedFor: `198.51.100.${i}, 203.0.113.7` });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // Another person behind the same proxy still gets in.
    expect(
      (await attempt(s, { address: '127.0.0.1', forwardedFor: '203.0.113.8', password: ADMIN_PASSWORD })).statusCode,
    ).toBe(200);
  });

  it('limits one address trying many usernames, not only one account', async () => {
    // One failure per account and address: the address limit (6 × that) is what refuses here.
    s = await startTestServer(backend, { loginAttempts: 1 });
    const codes: number[] = [];
    for (let i = 0; i < 8; i += 1) codes.push((await attempt(s, { username: `khach-${randomUUID()}` })).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    // A supervisor at another computer is not affected.
    expect((await attempt(s, { address: '10.0.0.6', password: ADMIN_PASSWORD })).statusCode).toBe(200);
  });

  it('keeps the count in the database: a second server process on the same database refuses too', async () => {
    s = await startTestServer(backend);
    for (let i = 0; i < 5; i += 1) expect((await attempt(s)).statusCode).toBe(401);
    const second = await createServer({ ...s.options, log: () => undefined });
    try {
      const res = await second.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.0.0.5',
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(res.statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('answers 503 at once when the hashing queue is full, without counting those attempts', async () => {
    s = await startTestServer(backend);
    const server = s;
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => attempt(server, { address: `10.1.0.${i + 1}` })),
    );
    const busy = answers.filter((a) => a.statusCode === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.headers['retry-after']).toBe('5');
    expect(busy[0]!.json<{ error: { message: string } }>().error.message).toMatch(/Máy chủ đang bận/);
    const counted = await server.app.hailong.db
      .selectFrom('login_throttle')
      .select('attempts')
      .where('key', '=', 'u:admin')
      .executeTakeFirstOrThrow();
    expect(counted.attempts).toBe(answers.filter((a) => a.statusCode === 401).length);
  });

  it('counts a flood of invented usernames in memory: no database write, the real login still passes', async () => {
    // Over real HTTP behind one trusted proxy hop, so each guess comes from its own address.
    s = await startTestServer(backend, { trustProxy: 1 });
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    const post = (username: string, password: string, from: string) =>
      fetch(`http://127.0.0.1:${address.port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body: JSON.stringify({ username, password, session: 'bearer' }),
      });
    const flood = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post(`khach-${randomUUID()}`, 'doan-bua', `172.16.0.${i + 1}`)),
    );
    expect(new Set(flood.map((r) => r.status))).toEqual(new Set([401]));
    // (The admin's own sign-in when the test server started left its rows; the flood left none.)
    const keys = (await s.app.hailong.db.selectFrom('login_throttle').select('key').execute()).map((r) => r.key);
    expect(keys.filter((key) => key.includes('172.16.') || key.includes('khach-'))).toEqual([]);
    expect((await post('admin', ADMIN_PASSWORD, '10.9.9.9')).status).toBe(200);
  });

  it('refuses an invented username after as many attempts as a real one: a 429 tells no username apart', async () => {
    s = await startTestServer(backend);
    const server = s;
    const codesFor = async (username: string, address: string) => {
      const codes: number[] = [];
      for (let i = 0; i < 7; i += 1) codes.push((await attempt(server, { username, address })).statusCode);
      return codes;
    };
    const real = await codesFor('admin', '10.0.0.7');
    expect(real).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(await codesFor('khong-co-ai', '10.0.0.8')).toEqual(real);
  });

  it('refuses a blocked account from memory: attempts after the block add no database write', async () => {
    s = await startTestServer(backend);
    for (let i = 0; i < 6; i += 1) await attempt(s);
    const counted = () =>
      s!.app.hailong.db
        .selectFrom('login_throttle')
        .select('attempts')
        .where('key', '=', 'ua:10.0.0.5/admin')
        .executeTakeFirstOrThrow();
    const before = (await counted()).attempts;
    expect(before).toBe(6);
    for (let i = 0; i < 20; i += 1) expect((await attempt(s)).statusCode).toBe(429);
    expect((await counted()).attempts).toBe(before);
  });

  it('rehashes a password stored with the old scrypt cost at the next correct login', async () => {
    s = await startTestServer(backend);
    const db = s.app.hailong.db;
    await db
      .updateTable('users')
      .set({ password_hash: await hashSecret(ADMIN_PASSWORD) })
      .where('username', '=', 'admin')
      .execute();
    const before = await db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(parseSecretHash(before.password_hash)!.params.N).toBe(16384);
    expect((await attempt(s, { password: ADMIN_PASSWORD })).statusCode).toBe(200);
    const after = await db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
    expect(parseSecretHash(after.password_hash)!.params.N).toBe(2 ** 17);
    expect((await attempt(s, { password: ADMIN_PASSWORD })).statusCode).toBe(200);
  });

  it('sets the session cookie Secure behind a TLS proxy it trusts, and only then', async () => {
    s = await startTestServer(backend, { trustProxy: 1 });
    const behindTls = await attempt(s, {
      address: '127.0.0.1',
      forwardedFor: '203.0.113.9',
      proto: 'https',
      password: ADMIN_PASSWORD,
    });
    expect(String(behindTls.headers['set-cookie'])).toMatch(/; Secure/);
    const plain = await attempt(s, { address: '127.0.0.1', forwardedFor: '203.0.113.9', password: ADMIN_PASSWORD });
    expect(String(plain.headers['set-cookie'])).not.toMatch(/; Secure/);
  });
});
