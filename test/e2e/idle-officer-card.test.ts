import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../../shared/domain/demo-config.ts';
import { DEMO_PIN_HASH } from '../../shared/domain/demo-pin-hashes.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { openKiosk, VIEWPORTS, type Viewport } from '../support/e2e-kiosk.ts';
import { IdlePage, waitForText } from '../support/kiosk-pages.ts';
import { overflowing, smallCitizenTargets } from '../support/layout-checks.ts';

const OUT_DIR = 'test-results/screenshots';

/** A real PNG portrait (a drawn head on a blue ground), as a console upload would deliver it. */
function portraitPng(): string {
  const canvas = createCanvas(240, 240);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#1d4f91';
  ctx.fillRect(0, 0, 240, 240);
  ctx.fillStyle = '#f2c9a0';
  ctx.beginPath();
  ctx.arc(120, 100, 55, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillRect(50, 170, 140, 70);
  return `data:image/png;base64,${canvas.toBuffer('image/png').toString('base64')}`;
}

describe('the idle screen shows who serves here, the scale and the number being served', () => {
  const browser = useChromium();

  // The three kiosk sizes the screenshot tests use.
  it.each(Object.values(VIEWPORTS).map((v: Viewport) => [`${v.width}x${v.height}`, v] as const))(
    'at %s',
    async (size, viewport) => {
      mkdirSync(join(OUT_DIR, size), { recursive: true });
      const kiosk = await openKiosk(browser(), { viewport });
      try {
        const { core, page } = kiosk;
        const officer = DEMO_CONFIG.officers[0]!;
        const photo = portraitPng();
        // The configuration a sync delivers, now with the officer's photo.
        core.config.applyConfig({
          ...DEMO_CONFIG,
          version: DEMO_CONFIG.version + 1,
          officerPins: Object.fromEntries(DEMO_CONFIG.officers.map((o) => [o.id, DEMO_PIN_HASH])),
          officerPhotos: { [officer.id]: photo },
        });
        const ticket = await core.handlers['queue:takeNumber']({ serviceId: core.state().queue.services[0]!.id });
        await core.handlers['queue:callNext']({});
        core.publish();

        const idle = new IdlePage(page);
        await idle.open(kiosk.url);
        await waitForText(idle.officerCard, officer.fullName);
        const img = idle.officerCard.getByRole('img', { name: `Ảnh cán bộ ${officer.fullName}` });
        await img.waitFor();
        expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(240);
        await waitForText(idle.officerCard.locator('.officer-card__serving'), `Đang phục vụ số ${ticket.number}`);

        // Four faces with their words, none of them a button or a link: a preview only.
        const preview = page.getByTestId('faces-preview');
        expect(await preview.locator('li').allInnerTexts()).toEqual(DEMO_CONFIG.ratingLevels.map((l) => l.label));
        expect(await preview.locator('button, a, [role=button], [tabindex]').count()).toBe(0);
        expect(await preview.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none');

        await page.evaluate(() => document.fonts.ready);
        await page.screenshot({ path: join(OUT_DIR, size, 'idle-officer-photo.png') });
        expect(await overflowing(page, 'button, h1, h2, p, img, li'), `${size}: ra ngoài màn hình`).toEqual([]);
        expect(await smallCitizenTargets(page, viewport, 'technician-corner'), `${size}: nút dưới 2 cm`).toEqual([]);

        // Served and finished: the number leaves the idle screen.
        await core.handlers['queue:finish']({ ticketId: ticket.ticketId });
        await idle.officerCard.locator('.officer-card__serving').waitFor({ state: 'detached' });
      } finally {
        await kiosk.close();
      }
    },
  );
});
