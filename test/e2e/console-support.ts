import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createServer } from '../../server/app.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchChromium } from '../support/e2e-kiosk.ts';
import { KioskEvents } from '../integration/console/console-fixtures.ts';

export { KioskEvents, seriousViolations };

export const ADMIN_PASSWORD = 'mat-khau-quan-tri-e2e';
export const CONSOLE_VIEWPORTS = {
  laptop: { width: 1366, height: 768 },
  tablet: { width: 1024, height: 768 },
  tabletPortrait: { width: 768, height: 1024 },
} as const;

/** The one Chromium launcher of the e2e tests (it also checks that the screens are built). */
export const launchBrowser = launchChromium;

/** The real central server on a free port with a temp SQLite file and the demo officers and counters. */
export interface ConsoleServer {
  app: FastifyInstance;
  url: string;
  admin: string;
  close(): Promise<void>;
  /** Calls the API with the admin's bearer token. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names what the endpoint returns
  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }>;
  enroll(name: string): Promise<{ deviceId: string; token: string }>;
  /**
   * An account the admin created (of centre `centreId`, default: the first), whose owner already
   * replaced the temporary password with `password`.
   */
  addUser(username: string, password: string, role: 'admin' | 'supervisor', centreId?: number): Promise<void>;
  sync(
    token: string,
    events: unknown[],
  ): Promise<{ status: number; json: { accepted: string[]; rejected: unknown[] } }>;
}

export async function startConsoleServer(): Promise<ConsoleServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-console-e2e-'));
  const app = await createServer({
    dbFile: join(dir, 'central.db'),
    adminPassword: ADMIN_PASSWORD,
    demo: true,
    log: () => undefined,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  const loginRes = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const admin = ((await loginRes.json()) as { token: string }).token;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names what the endpoint returns
  const call = async <T>(method: string, path: string, body?: unknown, token = admin) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
  };
  return {
    app,
    url,
    admin,
    call,
    async enroll(name) {
      const code = await call<{ code: string }>('POST', '/api/v1/devices/enrollment-codes', {});
      const res = await call<{ deviceId: string; token: string }>('POST', '/api/v1/devices/enroll', {
        code: code.json.code,
        name,
      });
      if (res.status !== 201) throw new Error(`enroll failed ${res.status}`);
      return res.json;
    },
    async addUser(username, password, role, centreId) {
      const temporary = `${password}-tam-thoi`;
      const created = await call('POST', '/api/v1/users', {
        username,
        password: temporary,
        role,
        ...(centreId === undefined ? {} : { centreId }),
      });
      if (created.status !== 201) throw new Error(`create user failed ${created.status}`);
      const signedIn = await call<{ token: string }>('POST', '/api/v1/auth/login', { username, password: temporary });
      const changed = await call(
        'POST',
        '/api/v1/auth/password',
        { currentPassword: temporary, newPassword: password },
        signedIn.json.token,
      );
      if (changed.status !== 200) throw new Error(`password change failed ${changed.status}`);
    },
    async sync(token, events) {
      return call('POST', '/api/v1/sync', { deviceTime: new Date().toISOString(), events }, token);
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number } = CONSOLE_VIEWPORTS.laptop,
  options: { bypassCSP?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  // UTC on purpose: the console must show Vietnam time whatever the browser's zone.
  const context = await browser.newContext({
    viewport,
    locale: 'vi-VN',
    timezoneId: 'UTC',
    acceptDownloads: true,
    bypassCSP: options.bypassCSP ?? false,
  });
  return { context, page: await context.newPage() };
}

export async function signIn(page: Page, url: string, username = 'admin', password = ADMIN_PASSWORD): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: 'Hôm nay' }).waitFor();
}

export async function openNav(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Các trang' }).getByRole('link', { name: label }).click();
  await page.getByRole('heading', { level: 1, name: label }).waitFor();
}
