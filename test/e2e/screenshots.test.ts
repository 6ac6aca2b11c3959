import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKiosk, VIEWPORTS, type Viewport } from '../support/e2e-kiosk.ts';
import { IdlePage, ReasonsPage, TechnicianPage, ThanksPage, waitForText } from '../support/kiosk-pages.ts';

const OUT_DIR = 'test-results/screenshots';

/** Elements that stick out of the viewport or overlap its edges: a layout a person would notice. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    return [...document.querySelectorAll('button, h1, h2, p')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) return false;
        return box.left < -1 || box.top < -1 || box.right > width + 1 || box.bottom > height + 1;
      })
      .map((el) => `${el.tagName} "${(el.textContent ?? '').slice(0, 40)}"`);
  });
}

/** Buttons smaller than 64 CSS px either way (15 mm targets); the hidden corner counts too. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter((b) => {
        const box = b.getBoundingClientRect();
        return box.width < 64 || box.height < 64;
      })
      .map((b) => `"${b.getAttribute('aria-label') ?? b.textContent ?? ''}"`),
  );
}

async function shoot(page: Page, size: string, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUT_DIR, size, `${name}.png`) });
  expect(await overflowing(page), `${size}/${name}: ra ngoài màn hình`).toEqual([]);
  expect(await smallTargets(page), `${size}/${name}: nút nhỏ hơn 64 px`).toEqual([]);
}

describe('every screen at the three kiosk sizes', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(Object.values(VIEWPORTS).map((v: Viewport) => [`${v.width}x${v.height}`, v] as const))(
    'renders each screen without overflow at %s',
    async (size, viewport) => {
      mkdirSync(join(OUT_DIR, size), { recursive: true });
      const kiosk = await openKiosk(browser, { viewport });
      try {
        kiosk.core.updateSettings({ walkUpIntervalSeconds: 0, thankYouSeconds: 600, idleTimeoutSeconds: 600 });
        const { page } = kiosk;
        const idle = new IdlePage(page);
        await idle.open(kiosk.url);
        await waitForText(idle.officerCard, 'Nguyễn Thị Hồng Nhung');
        await shoot(page, size, 'idle');

        const rating = await idle.startRating();
        await shoot(page, size, 'rating');
        await rating.tap('Kém');
        const reasons = new ReasonsPage(page);
        await reasons.root.waitFor();
        await reasons.reason('Thái độ chưa tốt').click();
        await shoot(page, size, 'reasons');
        await reasons.send();
        await new ThanksPage(page).waitUntilShown();
        await shoot(page, size, 'thanks');

        await idle.open(kiosk.url);
        await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
        await page.locator('[data-screen="signOut"]').waitFor();
        await shoot(page, size, 'sign-out');
        await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
        await idle.officerCard.getByText('Quầy chưa có cán bộ').waitFor();
        await shoot(page, size, 'idle-no-officer');

        const signIn = await idle.startSignIn();
        await shoot(page, size, 'sign-in');
        const pin = await signIn.pick('Phạm Quốc Việt');
        await pin.enter('0000');
        await waitForText(pin.error, 'Mã PIN không đúng');
        await pin.type('12');
        await shoot(page, size, 'pin');

        await idle.open(kiosk.url);
        const technicianPin = await idle.openTechnician();
        await shoot(page, size, 'technician-pin');
        await technicianPin.enter('9999');
        const technician = new TechnicianPage(page);
        await technician.root.waitFor();
        await technician.exitKiosk();
        await waitForText(technician.error, 'trình duyệt');
        await shoot(page, size, 'technician');
      } finally {
        await kiosk.close();
      }
    },
  );
});
