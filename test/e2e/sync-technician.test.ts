import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KioskCore, type KioskCoreOptions } from '../../electron/core/kiosk-core.ts';
import { startBrowserHost } from '../../electron/host/browser-host.ts';
import { DEMO_TECHNICIAN_PIN } from '../../shared/domain/demo-config.ts';
import { startCentral, enrolmentCode, type Central } from '../integration/sync/central.ts';
import { freshDatabase } from '../integration/server/support.ts';
import { launchChromium, RENDERER_DIR, VIEWPORTS } from '../support/e2e-kiosk.ts';
import { IdlePage } from '../support/kiosk-pages.ts';

const OUT_DIR = 'test-results/screenshots/sync';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(OUT_DIR, { recursive: true });
});
afterAll(async () => {
  await browser.close();
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function central(): Promise<Central> {
  const db = await freshDatabase('sqlite');
  cleanups.push(db.cleanup);
  const server = await startCentral(db.options);
  cleanups.push(() => server.app.close());
  return server;
}

/** A demo kiosk in the browser host, with sync options of the test's choosing, and a page on it. */
async function kiosk(sync: KioskCoreOptions['sync'] = {}): Promise<{ core: KioskCore; page: Page }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hailong-e2e-sync-'));
  const core = new KioskCore({ dataDir, sync });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => core.close());
  await core.seedDemo();
  const host = await startBrowserHost({ core, rendererDir: RENDERER_DIR, port: 0 });
  cleanups.push(() => host.app.close());
  const context = await browser.newContext({ viewport: VIEWPORTS.small, locale: 'vi-VN' });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const idle = new IdlePage(page);
  await idle.open(host.url);
  const pin = await idle.openTechnician();
  await pin.enter(DEMO_TECHNICIAN_PIN);
  await page.locator('[data-screen="technician"]').waitFor();
  return { core, page };
}

const section = (page: Page) => page.getByRole('region', { name: 'Đồng bộ với máy chủ trung tâm' });

describe('technician screen: sync with the central server', () => {
  it('shows the kiosk unenrolled with its waiting events, refuses a wrong code, then enrols through the form', async () => {
    const server = await central();
    const { core, page } = await kiosk();
    const sync = section(page);
    await expect.poll(() => sync.getByTestId('sync-server').textContent()).toBe('Chưa đăng ký');
    expect(await sync.getByTestId('sync-pending').textContent()).toBe(String(core.state().sync.pending));
    expect(await sync.getByTestId('sync-last-success').textContent()).toBe('Chưa có');
    await page.screenshot({ path: join(OUT_DIR, 'technician-sync-unenrolled-1280x800.png') });

    await sync.getByRole('button', { name: 'Đăng ký kiosk…' }).click();
    await sync.getByLabel('Địa chỉ máy chủ').fill('ftp://127.0.0.1');
    await sync.getByLabel('Mã đăng ký').fill('AAAA-BBBB-CCCC');
    await sync.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect.poll(() => sync.locator('.sync-enrol-error').textContent()).toContain('http:// hoặc https://');

    await sync.getByLabel('Địa chỉ máy chủ').fill(server.url);
    await sync.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect.poll(() => sync.locator('.sync-enrol-error').textContent()).toBe('Mã đăng ký không đúng.');
    await page.screenshot({ path: join(OUT_DIR, 'technician-sync-form-1280x800.png') });

    await sync.getByLabel('Mã đăng ký').fill(await enrolmentCode(server));
    await sync.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expect.poll(() => sync.locator('.sync-enrol-notice').textContent()).toContain('Đã đăng ký kiosk');
    // The form closes; the buttons for an enrolled kiosk take its place.
    await sync.getByRole('button', { name: 'Đồng bộ ngay' }).waitFor();
    expect(await sync.getByRole('button', { name: 'Đăng ký lại…' }).count()).toBe(1);
    await expect.poll(() => sync.getByTestId('sync-server').textContent()).toBe(server.url);
    // The demo sign-in goes up at once, and the time of that success is shown dd/mm/yyyy HH:mm.
    await expect.poll(() => sync.getByTestId('sync-pending').textContent(), { timeout: 15_000 }).toBe('0');
    expect(await sync.getByTestId('sync-last-success').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(core.state().sync).toMatchObject({ enrolled: true, pending: 0 });
    await page.screenshot({ path: join(OUT_DIR, 'technician-sync-enrolled-1280x800.png'), fullPage: true });
  });

  it('shows a progress bar while a backlog drains, and the server being unreachable in Vietnamese', async () => {
    const server = await central();
    // Each batch takes a little while, as on a slow line, so the drain can be watched.
    const slowFetch: typeof fetch = async (input, init) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      return fetch(input, init);
    };
    const { core, page } = await kiosk({ fetch: slowFetch, pollMs: 500 });
    const sync = section(page);
    core.db.transaction(() => {
      for (let i = 0; i < 2_000; i += 1) {
        core.ratings.submit({ counterId: 'q-1', level: 'tot', walkUpIntervalMs: 0 });
      }
    })();
    await core.sync.enroll({ serverUrl: server.url, code: await enrolmentCode(server), name: 'Kiosk e2e' });

    const bar = sync.locator('progress');
    await bar.waitFor({ timeout: 15_000 });
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(Number(await bar.getAttribute('max'))).toBe(2_001);
    await expect.poll(() => sync.getByText(/Đang gửi dữ liệu tồn: [\d.]+ \/ 2\.001 sự kiện/).count()).toBe(1);
    await page.screenshot({ path: join(OUT_DIR, 'technician-sync-draining-1280x800.png'), fullPage: true });
    await bar.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => sync.getByTestId('sync-pending').textContent()).toBe('0');

    // The server goes away: the screen says so, and what is waiting.
    await server.app.close();
    core.ratings.submit({ counterId: 'q-1', level: 'kem', walkUpIntervalMs: 0 });
    await core.sync.syncNow();
    await expect.poll(() => sync.locator('.sync-error').textContent()).toContain('Không kết nối được máy chủ');
    await expect.poll(() => sync.getByTestId('sync-pending').textContent()).toBe('1');
    await page.screenshot({ path: join(OUT_DIR, 'technician-sync-offline-1280x800.png'), fullPage: true });
  });
});
