import { describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch.ts';
import { DISK_FULL_MESSAGE } from '../../electron/core/storage-guard.ts';
import { useChromium, useKiosks } from '../support/e2e-hooks.ts';
import { IdlePage, waitForText } from '../support/kiosk-pages.ts';

const SHOTS = process.env.HAILONG_SCREENSHOTS_DIR;

describe('what the screens say when the kiosk protects itself', () => {
  const openKiosk = useKiosks(useChromium());

  it('shows the full-disk message to the citizen and the officer, and takes no rating until space returns', async () => {
    // The real full disk (tmpfs) is in test/integration/kiosk/full-disk.test.ts; here the file
    // system reports no free space, and the screens must say so.
    let free = 0;
    const kiosk = await openKiosk({ freeBytes: () => free });
    const { page, core } = kiosk;
    const idle = new IdlePage(page);
    await idle.open(kiosk.url);
    const banner = page.getByTestId('storage-full');
    await waitForText(banner, 'Bộ nhớ của kiosk đã đầy');
    expect(await banner.textContent()).toBe(DISK_FULL_MESSAGE);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/storage-full-citizen.png` });
    const rating = await idle.startRating();

    await rating.tap('Tốt');
    // The tap is refused with the same message, and nothing is recorded.
    await waitForText(rating.error, 'Bộ nhớ của kiosk đã đầy');
    expect(core.db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 0 });

    const officer = await kiosk.context.newPage();
    await officer.goto(`${kiosk.url}officer`);
    await waitForText(officer.getByTestId('storage-full'), 'Bộ nhớ của kiosk đã đầy');
    if (SHOTS) await officer.screenshot({ path: `${SHOTS}/storage-full-officer.png` });

    // Space returns: the banner goes by itself and the next tap is recorded.
    free = 100 * 1024 * 1024;
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByRole('button', { name: 'Quay lại', exact: true }).click();
    await (await idle.startRating()).tap('Tốt');
    await expect.poll(() => core.db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 1 });
  });

  it('tells the officer console who is locked out after wrong PINs, and until when', async () => {
    const kiosk = await openKiosk();
    const { context, core, url } = kiosk;
    const officer = await context.newPage();
    await officer.goto(`${url}officer`);
    for (let i = 0; i < 5; i += 1) {
      expect((await dispatch(core.handlers, 'officer:signIn', { officerId: 'cb-002', pin: '0000' })).ok).toBe(false);
    }
    const notice = officer.getByTestId('officer-locks');
    await waitForText(notice, 'đang tạm khóa do nhập sai mã PIN nhiều lần, đến');
    expect(await notice.textContent()).toMatch(/Trần Văn Đức.*đến \d\d\/\d\d\/\d{4} \d\d:\d\d\./);
    if (SHOTS) await officer.screenshot({ path: `${SHOTS}/officer-locked.png` });
    expect(core.state().officerLocks).toHaveLength(1);
  });
});
