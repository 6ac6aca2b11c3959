import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/e2e-hooks.ts';
import { openKiosk } from '../support/e2e-kiosk.ts';
import { waitForText } from '../support/kiosk-pages.ts';

const OUT_DIR = 'test-results/screenshots';

describe('the entrance kiosk', () => {
  const browser = useChromium();

  it('a citizen picks any service of the centre and takes a number; no rating is offered', async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    const kiosk = await openKiosk(browser());
    try {
      kiosk.core.updateSettings({ idleTimeoutSeconds: 600 });
      kiosk.core.queueStore.setOptions({ ticketDisplaySeconds: 120 });
      kiosk.core.assign('entrance', null);
      const page = kiosk.page;
      await page.goto(kiosk.url);
      await waitForText(page.locator('h1'), 'Mời ông/bà lấy số thứ tự');
      expect(await page.getByRole('button', { name: 'Đánh giá cán bộ phục vụ' }).count()).toBe(0);
      await page.screenshot({ path: join(OUT_DIR, 'entrance-idle.png') });

      await page.getByRole('button', { name: 'Lấy số thứ tự', exact: true }).click();
      // Every service of the centre, not only counter 1's.
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ quầy 3', exact: true }).waitFor();
      await page.screenshot({ path: join(OUT_DIR, 'entrance-services.png') });
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ quầy 3', exact: true }).click();
      await waitForText(page.getByTestId('ticket-number'), '4001');
      await page.screenshot({ path: join(OUT_DIR, 'entrance-ticket.png') });

      // The ticket is in the kiosk's SQLite, unpinned: any counter serving the service may call it.
      const row = kiosk.core.db
        .prepare<[], { number: string; service_id: string; pinned: number; counter_id: string | null }>(
          "SELECT number, service_id, pinned, counter_id FROM tickets WHERE service_id = 'dv-quay-3'",
        )
        .get();
      expect(row).toEqual({ number: '4001', service_id: 'dv-quay-3', pinned: 0, counter_id: null });
    } finally {
      await kiosk.close();
    }
  });
});
