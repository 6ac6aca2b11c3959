import { describe, expect, it } from 'vitest';
import { useChromium } from '../support/e2e-hooks.ts';
import { openKiosk } from '../support/e2e-kiosk.ts';
import { waitForText } from '../support/kiosk-pages.ts';
import { OfficerConsolePage } from '../support/kiosk-queue-pages.ts';

describe('the officer undoes a mistaken Vắng mặt', () => {
  const browser = useChromium();

  it('clicks the undo button: the number waits again first in line and can be called again', async () => {
    const kiosk = await openKiosk(browser());
    try {
      const first = await kiosk.core.queue.takeNumber('dv-chung-thuc');
      const second = await kiosk.core.queue.takeNumber('dv-chung-thuc');
      const officer = new OfficerConsolePage(kiosk.page);
      await officer.open(kiosk.url);
      await officer.waitForWaiting(second.number);
      expect(await officer.callNext()).toBe(first.number);

      await kiosk.page.getByRole('button', { name: 'Vắng mặt' }).click();
      await waitForText(officer.notice, `Số ${first.number} vắng mặt.`);
      expect(await officer.waitingNumbers()).toEqual([second.number]);
      const undo = kiosk.page.getByRole('button', { name: `Hoàn tác vắng mặt số ${first.number}` });
      await waitForText(kiosk.page.locator('.officer__undo-time'), /^còn \d+ giây$/);
      await undo.click();
      await waitForText(officer.notice, `Đã hoàn tác: số ${first.number} trở lại hàng chờ ở vị trí cũ.`);
      await undo.waitFor({ state: 'detached' });
      expect(await officer.waitingNumbers()).toEqual([first.number, second.number]);
      const undone = kiosk.core.db
        .prepare<[], { n: number }>("SELECT count(*) AS n FROM events WHERE type = 'ticket.no_show_undone'")
        .get();
      expect(undone?.n).toBe(1);
      expect(await officer.callNext()).toBe(first.number);
    } finally {
      await kiosk.close();
    }
  });
});
