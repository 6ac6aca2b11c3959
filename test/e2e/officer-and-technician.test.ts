import { describe, expect, it } from 'vitest';
import { useChromium, useKiosks } from '../support/e2e-hooks.ts';
import { IdlePage, PinPage, TechnicianPage, ThanksPage, waitForText } from '../support/kiosk-pages.ts';

describe('officer sign-in and the technician screen', () => {
  const openKiosk = useKiosks(useChromium());

  it('signs another officer in with the keypad after a wrong PIN, and rates them with their agency', async () => {
    const kiosk = await openKiosk();
    kiosk.core.updateSettings({ walkUpIntervalSeconds: 0, thankYouSeconds: 1 });
    const { page, core } = kiosk;
    const idle = new IdlePage(page);
    await idle.open(kiosk.url);
    await idle.signOut();
    expect(core.state().officer).toBeNull();

    const pin = await (await idle.startSignIn()).pick('Lê Thị Thu Hà');
    await pin.type('0000');
    expect(await pin.dots.count()).toBe(4);
    await pin.submit();
    await waitForText(pin.error, 'Mã PIN không đúng. Còn 4 lần thử.');
    // A wrong PIN changes nothing: still on the keypad, nobody on duty, the dots cleared.
    expect(await pin.root.isVisible()).toBe(true);
    expect(await pin.dots.count()).toBe(0);
    expect(core.state().officer).toBeNull();

    await pin.enter('1234');
    await idle.waitUntilShown();
    await waitForText(idle.officerCard, 'Lê Thị Thu Hà');
    await waitForText(idle.officerCard, 'Sở Công Thương');

    await (await idle.startRating()).tap('Khá');
    await new ThanksPage(page).waitUntilShown();
    expect(core.db.prepare('SELECT officer_id, agency_id, level FROM ratings').all()).toEqual([
      { officer_id: 'cb-003', agency_id: 'ag-01', level: 'kha' },
    ]);
  });

  it('locks the officer out after five wrong PINs and says until when', async () => {
    const kiosk = await openKiosk();
    const idle = new IdlePage(kiosk.page);
    await idle.open(kiosk.url);
    await idle.signOut();
    const pin = await (await idle.startSignIn()).pick('Trần Văn Đức');
    for (let i = 0; i < 4; i += 1) {
      await pin.enter('0000');
      await waitForText(pin.error, `Còn ${4 - i} lần thử`);
    }
    await pin.enter('0000');
    await waitForText(pin.error, 'tạm khóa');
    // Even the right PIN is refused while locked.
    const answered = kiosk.page.waitForResponse((r) => r.url().includes('officer%3AsignIn'));
    await pin.enter('1234');
    expect(await (await answered).json()).toMatchObject({ ok: false, error: { code: 'locked_out' } });
    await waitForText(pin.error, 'tạm khóa');
    expect(await pin.root.isVisible()).toBe(true);
    expect(kiosk.core.state().officer).toBeNull();
  });

  it('signs the officer out only with their PIN: a citizen tapping Đăng xuất twice changes nothing', async () => {
    const kiosk = await openKiosk();
    const { page, core } = kiosk;
    const idle = new IdlePage(page);
    await idle.open(kiosk.url);
    // What a citizen could do before: two taps on `Đăng xuất`. The second tap now lands on a keypad.
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    const pin = new PinPage(page, 'signOut');
    await pin.root.waitFor();
    await waitForText(pin.root, 'Nguyễn Thị Hồng Nhung: nhập mã PIN để đăng xuất');
    await expect.poll(() => pin.root.getByRole('button', { name: 'Đăng xuất', exact: true }).isDisabled()).toBe(true);
    expect(core.state().officer?.id).toBe('cb-001');
    // A guess is refused, counted, and the officer stays on duty; the rating still goes to them.
    await pin.enter('0000');
    await waitForText(pin.error, 'Mã PIN không đúng');
    expect(core.state().officer?.id).toBe('cb-001');
    await page.getByRole('button', { name: 'Quay lại', exact: true }).click();
    await idle.waitUntilShown();
    await waitForText(idle.officerCard, 'Nguyễn Thị Hồng Nhung');
    // The core refuses a sign-out without the PIN too, whatever the screen shows.
    const bare = await page.evaluate(async () => {
      const response = await fetch('/api/invoke/officer%3AsignOut', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return (await response.json()) as unknown;
    });
    expect(bare).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(core.state().officer?.id).toBe('cb-001');
    // The officer, with the right PIN, signs out.
    await idle.signOut('1234');
    expect(core.state().officer).toBeNull();
  });

  it('opens the technician screen with the hidden gesture and PIN 9999, and moves the kiosk to another counter', async () => {
    const kiosk = await openKiosk();
    const { page, core } = kiosk;
    const idle = new IdlePage(page);
    await idle.open(kiosk.url);
    await waitForText(idle.counterName, 'Quầy số 1');

    const pin = await idle.openTechnician();
    await pin.enter('1111');
    await waitForText(pin.error, 'Mã PIN không đúng');
    await pin.enter('9999');
    const technician = new TechnicianPage(page);
    await technician.root.waitFor();

    await technician.exitKiosk();
    // The browser host cannot leave kiosk mode itself and says how to.
    await waitForText(technician.error, 'Kiosk đang chạy trong trình duyệt');

    await technician.chooseCounter('Quầy số 3');
    await waitForText(technician.notice, 'Quầy số 3');
    await technician.done();
    await idle.waitUntilShown();
    await waitForText(idle.counterName, 'Quầy số 3');
    expect(core.counterId()).toBe('q-3');
  });

  it('does not open the technician PIN for fewer than five taps', async () => {
    const kiosk = await openKiosk();
    const idle = new IdlePage(kiosk.page);
    await idle.open(kiosk.url);
    const corner = kiosk.page.getByRole('button', { name: 'Khu vực kỹ thuật' });
    for (let i = 0; i < 4; i += 1) await corner.click();
    expect(await kiosk.page.locator('[data-screen="technicianPin"]').count()).toBe(0);
    expect(await idle.root.isVisible()).toBe(true);
  });
});
