import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { KioskEvents, newPage, openNav, signIn, startConsoleServer } from './console-support.ts';

const SHOTS = join(import.meta.dirname, '../../test-results/screenshots');

/** Issue 13 §1: the console's pages filter by centre; a province admin chooses it in the header. */
describe('console: the centre chosen in the header', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it('lets a province admin switch the centre and Today and Reports follow; a centre user sees only their centre', async () => {
    const s = server();
    mkdirSync(SHOTS, { recursive: true });
    const centreB = await s.call<{ id: number; code: string }>('POST', '/api/v1/centres', {
      code: 'XA-TAN-AN',
      name: 'Bộ phận một cửa xã Tân An',
    });
    expect(centreB.status).toBe(201);
    const b = centreB.json;
    expect(
      (await s.call('POST', '/api/v1/counters', { id: 'q-xa-1', number: 1, name: 'Quầy xã', centreId: b.id })).status,
    ).toBe(201);
    const officerB = await s.call<{ id: string }>('POST', '/api/v1/officers', {
      fullName: 'Hoàng Văn Xã',
      agencyId: 'ag-11',
      centreId: b.id,
    });
    expect(officerB.status).toBe(201);
    const code = await s.call<{ code: string }>('POST', '/api/v1/devices/enrollment-codes', { centreId: b.id });
    const kioskB = await s.call<{ token: string }>('POST', '/api/v1/devices/enroll', {
      code: code.json.code,
      name: 'Kiosk xã',
    });
    const kioskA = await s.enroll('Kiosk quầy 1');
    const kA = new KioskEvents('q-1', 'cb-001', 'ag-11');
    const kB = new KioskEvents('q-xa-1', officerB.json.id, 'ag-11');
    expect((await s.sync(kioskA.token, [kA.signIn(), kA.rate('tot'), kA.rate('kha')])).json.rejected).toEqual([]);
    expect(
      (await s.sync(kioskB.json.token, [kB.signIn(), kB.rate('tot'), kB.rate('tot'), kB.rate('kem')])).json.rejected,
    ).toEqual([]);

    const { context, page } = await newPage(browser());
    await signIn(page, s.url);
    const select = page.getByRole('combobox', { name: 'Trung tâm' });
    const ratings = page.locator('[data-figure="ratings"]');
    expect(await select.locator('option').allTextContents()).toEqual([
      'Tất cả trung tâm',
      'Trung tâm Phục vụ hành chính công tỉnh',
      'Bộ phận một cửa xã Tân An',
    ]);
    // Every centre: both kiosks' ratings and both centres' counters.
    await expect.poll(() => ratings.textContent(), { timeout: 15_000 }).toBe('5');
    await page.getByRole('region', { name: 'Quầy số 1 – Bộ phận một cửa xã Tân An' }).waitFor();
    await page.getByRole('region', { name: 'Quầy số 1 – Trung tâm Phục vụ hành chính công tỉnh' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'console-centre-all-today.png') });

    await select.selectOption({ label: 'Bộ phận một cửa xã Tân An' });
    await expect.poll(() => ratings.textContent(), { timeout: 15_000 }).toBe('3');
    await expect.poll(() => page.locator('section.counter').count()).toBe(1);
    expect(await page.locator('section.counter').textContent()).toContain('Hoàng Văn Xã');
    expect(page.url()).toContain('centre=XA-TAN-AN');
    await page.screenshot({ path: join(SHOTS, 'console-centre-selected-today.png') });

    // Reports follow the same choice: Phụ lục 2 of the commune centre only.
    await openNav(page, 'Báo cáo');
    const phuLuc2 = page.getByRole('article', { name: 'Phụ lục 2' });
    await expect.poll(() => phuLuc2.textContent(), { timeout: 15_000 }).toContain('Hoàng Văn Xã');
    // The centre's name heads the paper (in capitals, as the form has it).
    expect(await phuLuc2.textContent()).toContain('BỘ PHẬN MỘT CỬA XÃ TÂN AN');
    expect(await phuLuc2.textContent()).not.toContain('Nguyễn Thị Hồng Nhung');
    await page.screenshot({ path: join(SHOTS, 'console-centre-selected-reports.png'), fullPage: true });

    // The provincial centre: its own officers, not the commune's; the choice survives a reload.
    await select.selectOption({ label: 'Trung tâm Phục vụ hành chính công tỉnh' });
    await expect.poll(() => phuLuc2.textContent(), { timeout: 15_000 }).toContain('Nguyễn Thị Hồng Nhung');
    expect(await phuLuc2.textContent()).not.toContain('Hoàng Văn Xã');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
    expect(await select.inputValue()).toBe('TT01');
    await openNav(page, 'Hôm nay');
    await expect.poll(() => ratings.textContent(), { timeout: 15_000 }).toBe('2');
    // The kiosks page lists the chosen centre's kiosks only.
    await openNav(page, 'Kiosk');
    await page.getByRole('row', { name: /Kiosk quầy 1/ }).waitFor();
    expect(await page.getByRole('row', { name: /Kiosk xã/ }).count()).toBe(0);
    await select.selectOption({ label: 'Bộ phận một cửa xã Tân An' });
    await page.getByRole('row', { name: /Kiosk xã/ }).waitFor();
    expect(await page.getByRole('row', { name: /Kiosk quầy 1/ }).count()).toBe(0);
    await context.close();

    // A commune supervisor: their centre's name in the header, nothing to choose, only their data.
    const temporary = 'mat-khau-tam-thoi-xa';
    expect(
      (
        await s.call('POST', '/api/v1/users', {
          username: 'giamsat.xa',
          password: temporary,
          role: 'supervisor',
          centreId: b.id,
        })
      ).status,
    ).toBe(201);
    const own = await newPage(browser());
    await own.page.goto(s.url);
    await own.page.getByLabel('Tên đăng nhập').fill('giamsat.xa');
    await own.page.getByLabel('Mật khẩu').fill(temporary);
    await own.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await own.page.getByLabel('Mật khẩu hiện tại').fill(temporary);
    await own.page.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-giam-sat-xa');
    await own.page.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-giam-sat-xa');
    await own.page.getByRole('button', { name: /Đổi mật khẩu/ }).click();
    await own.page.getByRole('heading', { level: 1, name: 'Hôm nay' }).waitFor();
    await expect.poll(() => own.page.locator('.centre-name').textContent()).toBe('Bộ phận một cửa xã Tân An');
    expect(await own.page.getByRole('combobox', { name: 'Trung tâm' }).count()).toBe(0);
    await expect.poll(() => own.page.locator('[data-figure="ratings"]').textContent(), { timeout: 15_000 }).toBe('3');
    await own.page.screenshot({ path: join(SHOTS, 'console-centre-supervisor-today.png') });
    await own.context.close();
  });
});
