import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createServer, type CreateServerOptions } from '../../../server/app.ts';

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type TestBackend = (typeof BACKENDS)[number];

export const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN_PASSWORD = 'mat-khau-quan-tri-thu';

/** A fresh database for one test: a temp SQLite file, or a new PostgreSQL database dropped after. */
export async function freshDatabase(
  backend: TestBackend,
): Promise<{ options: { dbFile?: string; databaseUrl?: string }; cleanup: () => Promise<void> }> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hailong-server-'));
    return {
      options: { dbFile: join(dir, 'central.db') },
      cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `hailong_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    options: { databaseUrl: `postgres://postgres@127.0.0.1:5432/${name}` },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestServer {
  app: FastifyInstance;
  options: { dbFile?: string; databaseUrl?: string };
  /** Bearer token of the admin. */
  admin: string;
  close: () => Promise<void>;
}

export async function startTestServer(
  backend: TestBackend,
  extra: Partial<CreateServerOptions> = {},
): Promise<TestServer> {
  const db = await freshDatabase(backend);
  const app = await createServer({ ...db.options, adminPassword: ADMIN_PASSWORD, log: () => undefined, ...extra });
  const admin = await login(app, 'admin', ADMIN_PASSWORD);
  return {
    app,
    options: db.options,
    admin,
    close: async () => {
      await app.close();
      await db.cleanup();
    },
  };
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return res.json<{ token: string }>().token;
}

export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * An account the admin created whose owner has done the first login: they replaced the
 * admin's temporary password with `password` (required before anything else works).
 */
export async function createUserWithOwnPassword(
  app: FastifyInstance,
  adminToken: string,
  user: { username: string; password: string; role: 'admin' | 'supervisor'; centreId?: number },
): Promise<void> {
  const temporary = `${user.password}-tam-thoi`;
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: auth(adminToken),
    payload: { ...user, password: temporary },
  });
  if (created.statusCode !== 201) throw new Error(`create user failed: ${created.statusCode} ${created.body}`);
  const changed = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/password',
    headers: auth(await login(app, user.username, temporary)),
    payload: { currentPassword: temporary, newPassword: user.password },
  });
  if (changed.statusCode !== 200) throw new Error(`password change failed: ${changed.statusCode} ${changed.body}`);
}

/**
 * The first login of an account an admin created: logs in with the admin's password, chooses
 * a new one (required before anything else), and returns the session, which stays valid.
 */
export async function firstLogin(app: FastifyInstance, username: string, password: string): Promise<string> {
  const token = await login(app, username, password);
  const changed = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/password',
    headers: auth(token),
    payload: { currentPassword: password, newPassword: `${password}-moi` },
  });
  if (changed.statusCode !== 200) throw new Error(`password change failed: ${changed.statusCode} ${changed.body}`);
  return token;
}

/** Enrols a device through the public protocol (at `centreId`, else the first centre) and returns its id and token. */
export async function enrollDevice(app: FastifyInstance, admin: string, name = 'Kiosk quầy 1', centreId?: number) {
  const code = await app.inject({
    method: 'POST',
    url: '/api/v1/devices/enrollment-codes',
    headers: auth(admin),
    ...(centreId !== undefined ? { payload: { centreId } } : {}),
  });
  const enrolled = await app.inject({
    method: 'POST',
    url: '/api/v1/devices/enroll',
    payload: { code: code.json<{ code: string }>().code, name },
  });
  if (enrolled.statusCode !== 201) throw new Error(`enroll failed: ${enrolled.body}`);
  return enrolled.json<{ deviceId: string; token: string }>();
}

/** Adds an officer (admin API) and returns its id. */
export async function addOfficer(
  app: FastifyInstance,
  admin: string,
  officer: { id?: string; fullName: string; agencyId: string; order?: number; activeFrom?: string; activeTo?: string },
) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/officers', headers: auth(admin), payload: officer });
  if (res.statusCode !== 201) throw new Error(`officer failed: ${res.body}`);
  return res.json<{ id: string }>().id;
}

let seq = 0;
/** A rating.submitted event as a kiosk would send it. */
export function rating(
  fields: {
    officerId: string;
    agencyId: string;
    level?: string;
    occurredAt?: string;
    misuse?: boolean;
    ticketId?: string;
  },
  id = uuidv7(),
) {
  seq += 1;
  return {
    id,
    seq,
    type: 'rating.submitted' as const,
    occurredAt: fields.occurredAt ?? '2026-11-28T09:00:00.000+07:00',
    officerId: fields.officerId,
    agencyId: fields.agencyId,
    level: fields.level ?? 'tot',
    ...(fields.misuse !== undefined ? { misuse: fields.misuse } : {}),
    ...(fields.ticketId !== undefined ? { ticketId: fields.ticketId } : {}),
  };
}

export function resetSeq(value = 0): void {
  seq = value;
}

export async function sync(app: FastifyInstance, token: string, events: unknown[], extra: object = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/sync',
    headers: auth(token),
    // The kiosk's clock agrees with the server's (a test's fixed clock included) unless `extra` says otherwise.
    payload: { deviceTime: app.hailong.now().toISOString(), events, ...extra },
  });
}

export interface SyncBody {
  accepted: string[];
  duplicates: string[];
  rejected: { id: string | null; index: number; reason: string }[];
  serverTime: string;
  configVersion: number;
  config?: { version: number; officers: { id: string }[]; officerPins: Record<string, string> };
}
