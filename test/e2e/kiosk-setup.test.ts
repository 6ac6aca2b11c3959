import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../shared/contract/server-api.ts';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { openKiosk } from '../support/e2e-kiosk.ts';
import { newPage, openNav, signIn, startConsoleServer } from './console-support.ts';

const SHOTS = join(import.meta.dirname, '../../test-results/screenshots');

describe('a never-enrolled kiosk is set up from its screen and assigned in the console', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it('shows the setup screen, enrols with the typed address and code, and takes the counter clicked in the console', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const kiosk = await openKiosk(browser(), { demo: false, sync: { pollMs: 200, configPollMs: 500 } });
    try {
      const { page } = kiosk;
      await page.goto(kiosk.url);
      await page.getByRole('heading', { name: 'Cài đặt kiosk' }).waitFor();
      await page.screenshot({ path: join(SHOTS, 'kiosk-setup.png') });

      const code = (await server().call<{ code: string }>('POST', '/api/v1/devices/enrollment-codes', {})).json.code;
      await page.getByLabel('Địa chỉ máy chủ').fill(server().url);
      await page.getByLabel('Mã đăng ký').fill(code);
      await page.getByRole('button', { name: 'Đăng ký kiosk' }).click();
      await page.getByRole('heading', { name: 'Kiosk đang chờ được gán quầy' }).waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(SHOTS, 'kiosk-awaiting-assignment.png') });

      const console = await newPage(browser());
      try {
        await signIn(console.page, server().url);
        await openNav(console.page, 'Kiosk');
        const form = console.page.getByRole('group', { name: /^Phân công Kiosk/ });
        await form.getByLabel('Vai trò').selectOption('counter');
        await form.getByLabel('Quầy').selectOption('q-2');
        await form.getByLabel(/^Máy in/).fill('tcp://127.0.0.1:9100');
        await form.getByLabel('Khổ giấy').selectOption('58');
        await form.getByRole('button', { name: 'Lưu phân công' }).click();
        await console.page.getByText(/Đã lưu phân công/).waitFor();
        await console.page.screenshot({ path: join(SHOTS, 'console-kiosks-assign.png'), fullPage: true });
        const devices = (await server().call<DeviceSummary[]>('GET', '/api/v1/devices')).json;
        expect(devices[0]).toMatchObject({
          role: 'counter',
          counterId: 'q-2',
          assignedPrinter: { url: 'tcp://127.0.0.1:9100', paperWidth: 58 },
        });
      } finally {
        await console.context.close();
      }

      // The kiosk leaves the setup screen by itself and serves counter 2.
      await expect.poll(() => kiosk.core.state().counter?.id, { timeout: 5_000 }).toBe('q-2');
      await page.getByRole('heading', { name: 'Kiosk đang chờ được gán quầy' }).waitFor({ state: 'detached' });
      expect(kiosk.core.config.getSetting('kiosk.role')).toBe('counter');
    } finally {
      await kiosk.close();
    }
  }, 120_000);
});
