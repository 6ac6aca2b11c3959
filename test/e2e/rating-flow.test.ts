import { describe, expect, it } from 'vitest';
import { useChromium, useKiosks } from '../support/e2e-hooks.ts';
import { IdlePage, ReasonsPage, ThanksPage, waitForText } from '../support/kiosk-pages.ts';

interface RatingRow {
  officer_id: string;
  agency_id: string;
  level: string;
  reasons: string | null;
  misuse: number;
}

describe('rating at the counter', () => {
  const openKiosk = useKiosks(useChromium());

  it('records every level for the officer on duty, with the reason after Kém, and returns to idle', async () => {
    const kiosk = await openKiosk();
    kiosk.core.updateSettings({ walkUpIntervalSeconds: 0, thankYouSeconds: 1 });
    const { page } = kiosk;
    const idle = new IdlePage(page);
    await idle.open(kiosk.url);
    await waitForText(idle.officerCard, 'Nguyễn Thị Hồng Nhung');
    await waitForText(idle.officerCard, 'Sở Tư pháp');

    for (const label of ['Tốt', 'Khá', 'Trung bình', 'Kém']) {
      const rating = await idle.startRating();
      // The accessible names are exactly the labels: the faces stay out of them.
      expect(await rating.root.ariaSnapshot()).toContain(`button "${label}"`);
      await rating.tap(label);
      if (label === 'Trung bình') {
        await new ReasonsPage(page).skip();
      } else if (label === 'Kém') {
        const reasons = new ReasonsPage(page);
        await reasons.root.waitFor();
        await reasons.reason('Chờ đợi lâu').click();
        expect(await reasons.reason('Chờ đợi lâu').getAttribute('aria-pressed')).toBe('true');
        await reasons.send();
      }
      await new ThanksPage(page).waitUntilShown();
      await idle.waitUntilShown();
    }

    const rows = kiosk.core.db
      .prepare('SELECT officer_id, agency_id, level, reasons, misuse FROM ratings ORDER BY rowid')
      .all() as RatingRow[];
    expect(rows).toEqual([
      { officer_id: 'cb-001', agency_id: 'ag-11', level: 'tot', reasons: null, misuse: 0 },
      { officer_id: 'cb-001', agency_id: 'ag-11', level: 'kha', reasons: null, misuse: 0 },
      { officer_id: 'cb-001', agency_id: 'ag-11', level: 'trung_binh', reasons: null, misuse: 0 },
      { officer_id: 'cb-001', agency_id: 'ag-11', level: 'kem', reasons: '["cho_lau"]', misuse: 0 },
    ]);
  });

  it('goes back to idle by itself when a rating is started and left alone', async () => {
    const kiosk = await openKiosk();
    kiosk.core.updateSettings({ idleTimeoutSeconds: 1 });
    const idle = new IdlePage(kiosk.page);
    await idle.open(kiosk.url);
    const rating = await idle.startRating();
    await idle.waitUntilShown(5000);
    expect(await rating.root.count()).toBe(0);
    expect(kiosk.core.db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 0 });
  });

  it('leaves the reasons screen for idle when nobody answers, keeping the rating', async () => {
    const kiosk = await openKiosk();
    kiosk.core.updateSettings({ idleTimeoutSeconds: 1 });
    const idle = new IdlePage(kiosk.page);
    await idle.open(kiosk.url);
    await (await idle.startRating()).tap('Kém');
    await new ReasonsPage(kiosk.page).root.waitFor();
    await idle.waitUntilShown(5000);
    expect(kiosk.core.db.prepare('SELECT level, reasons FROM ratings').all()).toEqual([
      { level: 'kem', reasons: null },
    ]);
  });

  it('with no officer signed in offers no rating button a citizen could tap for nothing, and says why', async () => {
    const kiosk = await openKiosk();
    const idle = new IdlePage(kiosk.page);
    await idle.open(kiosk.url);
    await idle.signOut();
    await kiosk.page.getByText('Chưa thể đánh giá: quầy chưa có cán bộ đăng nhập.').waitFor();
    expect(await kiosk.page.getByRole('button', { name: /Đánh giá/ }).count()).toBe(0);
    expect(kiosk.core.db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 0 });
  });
});

describe('link to the kiosk core', () => {
  const openKiosk = useKiosks(useChromium());

  it('shows a banner while the host is down and follows the restarted core afterwards', async () => {
    const kiosk = await openKiosk();
    const idle = new IdlePage(kiosk.page);
    await idle.open(kiosk.url);
    const banner = kiosk.page.getByRole('status').filter({ hasText: 'Mất kết nối với kiosk' });
    expect(await banner.count()).toBe(0);
    // Several changes, so the screen has seen a higher revision than the restarted core will send.
    for (const seconds of [3, 4, 5]) kiosk.core.updateSettings({ thankYouSeconds: seconds });

    await kiosk.stopHost();
    await banner.waitFor({ timeout: 10_000 });

    // The restarted core counts its state revisions from zero again; the screen must still follow it.
    await kiosk.startHost();
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    const moved = await kiosk.core.handlers['technician:setCounter']({ pin: '9999', counterId: 'q-2' });
    expect(moved).toBeNull();
    await waitForText(idle.counterName, 'Quầy số 2');
  });
});
