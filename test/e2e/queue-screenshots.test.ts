import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { printerFromUrl } from '../../electron/core/queue/printer-from-url.ts';
import { startVirtualPrinter } from '../../electron/printing/virtual-printer.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { openKiosk, VIEWPORTS, type Viewport } from '../support/e2e-kiosk.ts';
import { IdlePage, waitForText } from '../support/kiosk-pages.ts';
import { overflowing, smallCitizenTargets, smallTargets } from '../support/layout-checks.ts';

const OUT_DIR = 'test-results/screenshots';

/** Text below 24 px on the citizen screens (the officer console is read at a desk). */
async function smallText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main p, main dt, main dd, main button, main span')]
      .filter((el) => (el.textContent ?? '').trim() !== '' && parseFloat(getComputedStyle(el).fontSize) < 23.5)
      .map((el) => `${el.tagName} "${(el.textContent ?? '').slice(0, 30)}"`),
  );
}

async function shoot(page: Page, size: string, name: string, citizen = true): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUT_DIR, size, `${name}.png`) });
  expect(await overflowing(page, 'button, h1, h2, p, li, dd, svg'), `${size}/${name}: ra ngoài màn hình`).toEqual([]);
  expect(await smallTargets(page, 'technician-corner'), `${size}/${name}: nút nhỏ hơn 64 px`).toEqual([]);
  if (citizen) expect(await smallText(page), `${size}/${name}: chữ nhỏ hơn 24 px`).toEqual([]);
  if (citizen) {
    const targets = await smallCitizenTargets(page, page.viewportSize()!, 'technician-corner');
    expect(targets, `${size}/${name}: nút dưới 2 cm`).toEqual([]);
  }
}

describe('queue screens at the three kiosk sizes', () => {
  const browser = useChromium();

  it.each(Object.values(VIEWPORTS).map((v: Viewport) => [`${v.width}x${v.height}`, v] as const))(
    'take-number screens and the officer console fit at %s',
    async (size, viewport) => {
      mkdirSync(join(OUT_DIR, size), { recursive: true });
      const outDir = mkdtempSync(join(tmpdir(), 'hailong-e2e-shots-'));
      const printer = await startVirtualPrinter({ outDir, port: 0 });
      const kiosk = await openKiosk(browser(), { viewport, printer: printerFromUrl(printer.url) });
      try {
        kiosk.core.updateSettings({ idleTimeoutSeconds: 600 });
        kiosk.core.queueStore.setOptions({ ticketDisplaySeconds: 120, ratingWindowSeconds: 120 });
        const citizen = kiosk.page;
        const idle = new IdlePage(citizen);
        await idle.open(kiosk.url);
        await waitForText(idle.officerCard, 'Nguyễn Thị Hồng Nhung');
        await shoot(citizen, size, 'queue-idle');

        await citizen.getByRole('button', { name: 'Lấy số ưu tiên' }).click();
        await shoot(citizen, size, 'queue-priority');
        await citizen.getByRole('button', { name: 'Người cao tuổi', exact: true }).click();
        await shoot(citizen, size, 'queue-service');
        await citizen.getByRole('button', { name: 'Hộ tịch', exact: true }).click();
        await waitForText(citizen.getByTestId('ticket-number'), '2001');
        await shoot(citizen, size, 'queue-ticket');
        await citizen.getByRole('button', { name: 'Xong', exact: true }).click();

        for (let i = 0; i < 3; i += 1) await kiosk.core.queue.takeNumber('dv-chung-thuc');
        printer.setPaperOut(true);
        await citizen.getByRole('button', { name: 'Lấy số thứ tự', exact: true }).click();
        await citizen.getByRole('button', { name: 'Chứng thực bản sao', exact: true }).click();
        await waitForText(citizen.getByTestId('ticket-number'), '1004');
        await shoot(citizen, size, 'queue-ticket-not-printed');
        await citizen.getByRole('button', { name: 'Xong', exact: true }).click();

        const officer = await kiosk.context.newPage();
        await officer.goto(`${kiosk.url}officer`);
        await waitForText(officer.getByRole('region', { name: /Đang chờ/ }), '1004');
        await officer.getByRole('button', { name: 'Gọi số tiếp theo', exact: true }).click();
        await waitForText(officer.getByRole('region', { name: 'Số đang ở quầy' }), '2001');
        await shoot(officer, size, 'officer-console', false);
        await shoot(citizen, size, 'queue-called');
        await officer.getByRole('button', { name: 'Chuyển', exact: true }).click();
        await shoot(officer, size, 'officer-transfer', false);
        await officer.keyboard.press('Escape');
        await officer.getByRole('button', { name: 'Hoàn thành', exact: true }).click();
        await citizen.locator('[data-screen="rating"]').waitFor();
        await shoot(citizen, size, 'queue-rating-for-ticket');
      } finally {
        await kiosk.close();
        await printer.close();
        rmSync(outDir, { recursive: true, force: true });
      }
    },
  );
});
