import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/e2e-hooks.ts';
import { openKiosk, VIEWPORTS, type Viewport } from '../support/e2e-kiosk.ts';
import { IdlePage, ReasonsPage, TechnicianPage, ThanksPage, waitForText } from '../support/kiosk-pages.ts';
import { overflowing, smallCitizenTargets, smallTargets } from '../support/layout-checks.ts';

const OUT_DIR = 'test-results/screenshots';

/** Screens a citizen touches: every target there is at least 2 cm on the physical screen. */
const CITIZEN_SCREENS = new Set(['idle', 'idle-no-officer', 'rating', 'reasons', 'thanks']);

async function shoot(page: Page, size: string, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUT_DIR, size, `${name}.png`) });
  expect(await overflowing(page, 'button, h1, h2, p'), `${size}/${name}: ra ngoài màn hình`).toEqual([]);
  // No exception here: the hidden technician corner must be a 64 px target too.
  expect(await smallTargets(page), `${size}/${name}: nút nhỏ hơn 64 px`).toEqual([]);
  if (CITIZEN_SCREENS.has(name)) {
    const viewport = page.viewportSize()!;
    // The hidden technician corner is for the technician, not a citizen target.
    expect(await smallCitizenTargets(page, viewport, 'technician-corner'), `${size}/${name}: nút dưới 2 cm`).toEqual(
      [],
    );
  }
}

describe('every screen at the three kiosk sizes', () => {
  const browser = useChromium();

  it.each(Object.values(VIEWPORTS).map((v: Viewport) => [`${v.width}x${v.height}`, v] as const))(
    'renders each screen without overflow at %s',
    async (size, viewport) => {
      mkdirSync(join(OUT_DIR, size), { recursive: true });
      const kiosk = await openKiosk(browser(), { viewport });
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
        const signOutPin = await idle.startSignOut();
        await shoot(page, size, 'sign-out');
        await signOutPin.enter('1234');
        await idle.officerCard.getByText('Quầy chưa có cán bộ').waitFor();
        // No officer: no rating button a citizen could tap for nothing, and the reason instead.
        expect(await page.getByRole('button', { name: 'Đánh giá cán bộ phục vụ' }).count()).toBe(0);
        await page.getByText('Chưa thể đánh giá: quầy chưa có cán bộ đăng nhập.').waitFor();
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
