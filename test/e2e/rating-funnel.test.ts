import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../shared/domain/events.ts';
import type { DossierRatingRow } from '../../shared/domain/dossier-ratings.ts';
import { addOfficer, auth, enrollDevice, startTestServer, type SyncBody } from '../integration/server/support.ts';
import { useChromium, useKiosks, usePerTest } from '../support/e2e-hooks.ts';
import { IdlePage, ThanksPage, waitForText } from '../support/kiosk-pages.ts';

const SHOTS = 'test-results/screenshots/funnel';
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

describe('the rating prompt at the counter: Bỏ qua, the dossier code, one rating per dossier', () => {
  const openKiosk = useKiosks(useChromium());
  const central = usePerTest(async () => {
    const server = await startTestServer('sqlite');
    return { ...server, close: server.close };
  });

  it('records Bỏ qua as declined, carries the typed dossier code to the rating and the export, and refuses a second rating for that dossier', async () => {
    const kiosk = await openKiosk();
    kiosk.core.updateSettings({ thankYouSeconds: 1 });
    const citizen = kiosk.page;
    const idle = new IdlePage(citizen);
    await idle.open(kiosk.url);
    for (let i = 0; i < 3; i += 1) kiosk.core.queue.issue('dv-chung-thuc');
    kiosk.core.publish();

    const officer = await kiosk.context.newPage();
    await officer.goto(`${kiosk.url}officer`);
    const current = officer.getByRole('region', { name: 'Số đang ở quầy' });
    const dossier = officer.getByRole('textbox', { name: /Mã hồ sơ/ });
    const rating = citizen.locator('[data-screen="rating"]');

    // 1001: finished, the citizen taps Bỏ qua on the rating screen.
    await button(officer, 'Gọi số tiếp theo').click();
    await waitForText(current, '1001');
    await button(officer, 'Hoàn thành').click();
    await rating.waitFor();
    mkdirSync(SHOTS, { recursive: true });
    await citizen.screenshot({ path: `${SHOTS}/rating-skip.png` });
    await button(citizen, 'Bỏ qua').click();
    await idle.waitUntilShown();

    // 1002: the officer types the dossier code (a scanner types it the same way, then Enter); the citizen rates Khá.
    await button(officer, 'Gọi số tiếp theo').click();
    await waitForText(current, '1002');
    await dossier.fill('000.00.12.H12-261124-0007');
    await dossier.press('Enter');
    mkdirSync(SHOTS, { recursive: true });
    await officer.screenshot({ path: `${SHOTS}/officer-dossier.png` });
    await button(officer, 'Hoàn thành').click();
    await rating.waitFor();
    await button(citizen, 'Khá').click();
    await new ThanksPage(citizen).waitUntilShown();
    await idle.waitUntilShown();

    // 1003: the same dossier again (the citizen came back); their second rating is kept on the kiosk but the server refuses it.
    await button(officer, 'Gọi số tiếp theo').click();
    await waitForText(current, '1003');
    expect(await dossier.inputValue()).toBe('');
    await dossier.fill('000.00.12.H12-261124-0007');
    await button(officer, 'Hoàn thành').click();
    await rating.waitFor();
    await button(citizen, 'Tốt').click();
    await new ThanksPage(citizen).waitUntilShown();

    const events = [...kiosk.core.outbox.all()];
    const finished = events.filter(
      (e): e is Extract<KioskEvent, { type: 'ticket.finished' }> => e.type === 'ticket.finished',
    );
    const [t1, t2, t3] = finished.map((e) => e.ticketId);
    expect(finished.map((e) => e.dossierCode)).toEqual([
      undefined,
      '000.00.12.H12-261124-0007',
      '000.00.12.H12-261124-0007',
    ]);
    expect(events.filter((e) => e.type === 'rating.prompted').map((e) => e.ticketId)).toEqual([t1, t2, t3]);
    expect(events.filter((e) => e.type === 'rating.prompt_outcome')).toEqual([
      expect.objectContaining({ ticketId: t1, outcome: 'declined', counterId: 'q-1' }),
    ]);
    const ratings = events.filter((e) => e.type === 'rating.submitted');
    expect(ratings).toEqual([
      expect.objectContaining({ ticketId: t2, level: 'kha', dossierCode: '000.00.12.H12-261124-0007' }),
      expect.objectContaining({ ticketId: t3, level: 'tot', dossierCode: '000.00.12.H12-261124-0007' }),
    ]);

    // The kiosk's events reach a central server provisioned without demo data.
    const { app, admin } = central();
    await addOfficer(app, admin, { id: 'cb-001', fullName: 'Nguyễn Thị Hồng Nhung', agencyId: 'ag-11' });
    const device = await enrollDevice(app, admin);
    const sent = await app.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: auth(device.token),
      payload: {
        deviceTime: new Date().toISOString(),
        events: events.filter((e) => e.type !== 'ticket.issued' && e.type !== 'ticket.called'),
      },
    });
    const body = sent.json<SyncBody>();
    expect(body.rejected.map((r) => r.id)).toEqual([ratings[1]!.id]);
    expect(body.rejected[0]!.reason).toContain('mỗi hồ sơ chỉ được đánh giá một lần');
    const lookup = await app.inject({ url: '/api/v1/ratings?dossier=000.00.12.H12-261124-0007', headers: auth(admin) });
    const { rows } = lookup.json<{ rows: DossierRatingRow[] }>();
    expect(rows.map((r) => [r.dossierCode, r.fullName, r.levelLabel, r.channel])).toEqual([
      ['000.00.12.H12-261124-0007', 'Nguyễn Thị Hồng Nhung', 'Khá', 'Kiosk tại quầy'],
    ]);
    const day = ratings[0]!.occurredAt.slice(0, 10);
    const csv = await app.inject({
      url: `/api/v1/reports/dossiers?from=${day}&to=${day}&format=csv`,
      headers: auth(admin),
    });
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines.slice(3)).toHaveLength(1);
    expect(lines[3]).toMatch(
      /^1,000\.00\.12\.H12-261124-0007,Nguyễn Thị Hồng Nhung,Sở Tư pháp,\d\d\/\d\d\/\d{4} \d\d:\d\d,Khá,Kiosk tại quầy$/,
    );
  });
});
