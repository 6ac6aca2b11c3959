import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import type { OfficerOut } from '../../shared/contract/server-api.ts';
import { KioskEvents, newPage, openNav, signIn, startConsoleServer } from './console-support.ts';

describe('console: staff import and kiosk revocation', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-import-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const officerNames = async () =>
    (await server().call<OfficerOut[]>('GET', '/api/v1/officers')).json.map((o) => o.fullName);

  it('previews a staff file without changing anything, then applies it', async () => {
    const file = join(dir, 'can-bo.csv');
    writeFileSync(
      file,
      '\uFEFFHọ và tên,"Cơ quan, đơn vị"\nLý Thị Mai,Sở Y tế\nNguyễn Thị Hồng Nhung,Sở Tư pháp\nPhan Văn Tài,Sở Không Có\n',
    );
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    await openNav(page, 'Cán bộ và cơ cấu');
    await page.getByRole('tab', { name: 'Nhập từ tệp' }).click();
    await page.getByLabel('Tệp danh sách cán bộ').setInputFiles(file);
    await page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    await expect.poll(() => page.locator('[data-figure="created"]').textContent()).toBe('1');
    expect(await page.getByText('Sẽ thêm').count()).toBe(1);
    expect(await page.getByText('Dòng 4: “Sở Không Có”').count()).toBe(1);
    expect(await officerNames()).not.toContain('Lý Thị Mai');

    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Đã nhập: thêm 1');
    expect(await officerNames()).toContain('Lý Thị Mai');
    await page.getByRole('tab', { name: 'Cán bộ', exact: true }).click();
    await page.getByRole('table', { name: 'Sở Y tế' }).getByText('Lý Thị Mai').waitFor();
    await context.close();
  });

  it('edits an officer’s working dates and PIN, the agencies’ order, counters and reasons', async () => {
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    await openNav(page, 'Cán bộ và cơ cấu');
    await page.getByRole('button', { name: 'Sửa Trần Văn Đức' }).click();
    await page.getByLabel('Đến ngày').fill('31/12/2026');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Đã lưu thông tin của Trần Văn Đức.');
    await page.getByLabel('Mã PIN mới (4–8 chữ số)').fill('12');
    await page.getByRole('button', { name: 'Đặt lại PIN' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Mã PIN gồm 4 đến 8 chữ số');
    await page.getByLabel('Mã PIN mới (4–8 chữ số)').fill('246810');
    await page.getByRole('button', { name: 'Đặt lại PIN' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('Đã đặt lại mã PIN cho Trần Văn Đức');
    const duc = (await server().call<OfficerOut[]>('GET', '/api/v1/officers')).json.find(
      (o) => o.fullName === 'Trần Văn Đức',
    );
    expect(duc).toMatchObject({ activeTo: '2026-12-31', hasPin: true });

    await page.getByRole('tab', { name: 'Cơ quan, đơn vị' }).click();
    await page.getByRole('button', { name: 'Đưa Sở Tư pháp lên' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Đã đổi thứ tự cơ quan, đơn vị');
    const agencies = (await server().call<{ name: string }[]>('GET', '/api/v1/agencies')).json.map((a) => a.name);
    expect(agencies.indexOf('Sở Tư pháp')).toBe(agencies.indexOf('Sở Tài nguyên và Môi trường') - 1);

    await page.getByRole('tab', { name: 'Quầy' }).click();
    await page.getByLabel('Số quầy').fill('7');
    await page.getByRole('button', { name: 'Thêm quầy' }).click();
    await page.getByRole('row', { name: /Quầy số 7/ }).waitFor();

    await page.getByRole('tab', { name: 'Thang đánh giá, lý do' }).click();
    await page.getByLabel('Thêm lý do').fill('Thủ tục còn phức tạp');
    await page.getByRole('button', { name: 'Thêm', exact: true }).click();
    // The new reason is listed (its remove button names it) once the server has it.
    await page.getByRole('button', { name: 'Bỏ lý do Thủ tục còn phức tạp' }).waitFor();
    const reasons = (await server().call<{ label: string }[]>('GET', '/api/v1/reasons')).json.map((r) => r.label);
    expect(reasons).toContain('Thủ tục còn phức tạp');
    await context.close();
  });

  it('revokes a kiosk, whose next sync is refused with 401', async () => {
    const kiosk = await server().enroll('Kiosk quầy 3');
    const q3 = new KioskEvents('q-3', 'cb-003', 'ag-01');
    expect((await server().sync(kiosk.token, [q3.rate('tot')])).status).toBe(200);
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    await openNav(page, 'Kiosk');
    const row = page.getByRole('row', { name: /Kiosk quầy 3/ });
    await expect.poll(() => row.textContent()).toContain('Trực tuyến');
    await page.getByRole('button', { name: 'Thu hồi Kiosk quầy 3' }).click();
    await page.getByRole('button', { name: 'Xác nhận thu hồi' }).click();
    await expect.poll(() => row.textContent()).toContain('Đã thu hồi');
    const refused = await server().sync(kiosk.token, [q3.rate('tot')]);
    expect(refused.status).toBe(401);

    await page.getByRole('button', { name: 'Tạo mã đăng ký' }).click();
    await expect
      .poll(() => page.locator('[data-figure="enrolment-code"]').textContent())
      .toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await context.close();
  });
});
