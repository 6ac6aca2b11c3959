import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../../server/app.ts';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';

export const ADMIN_PASSWORD = 'mat-khau-quan-tri-dong-bo';

/** A real central server listening on 127.0.0.1 (port 0 unless one is asked for). */
export interface Central {
  app: FastifyInstance;
  url: string;
  port: number;
  admin: string;
}

/**
 * `demo: false` starts a centre as it is installed (default agencies and scale, nothing else).
 * `now`: the server's clock; give it the kiosk's fake clock, or the server corrects the kiosk's
 * events by their offset.
 */
export async function startCentral(
  db: { dbFile?: string; databaseUrl?: string },
  port = 0,
  options: { demo?: boolean; now?: () => Date } = {},
): Promise<Central> {
  const app = await createServer({
    ...db,
    demo: options.demo ?? true,
    adminPassword: ADMIN_PASSWORD,
    log: () => undefined,
    ...(options.now ? { now: options.now } : {}),
  });
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const url = `http://127.0.0.1:${address.port}`;
  const admin = await api<{ token: string }>(url, 'POST', '/api/v1/auth/login', undefined, {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  return { app, url, port: address.port, admin: admin.token };
}

export async function api<T>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function enrolmentCode(central: Central): Promise<string> {
  return (await api<{ code: string }>(central.url, 'POST', '/api/v1/devices/enrollment-codes', central.admin, {})).code;
}

export async function phuLuc2(central: Central, day: string): Promise<PhuLuc2Report> {
  return api<PhuLuc2Report>(
    central.url,
    'GET',
    `/api/v1/reports/phu-luc-2?from=${day}&to=${day}&format=json`,
    central.admin,
  );
}

/** Level code → count for one officer's row of the report. */
export function rowCounts(report: PhuLuc2Report, officerId: string): Record<string, number> {
  const row = report.rows.find((r) => r.officerId === officerId);
  if (!row) throw new Error(`no row for ${officerId}`);
  return Object.fromEntries(report.levels.map((level, i) => [level.code, row.counts[i] ?? 0]));
}

export function tempFolder(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
