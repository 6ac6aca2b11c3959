import { describe, expect, it } from 'vitest';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { KioskEvents, newPage, openNav, signIn, startConsoleServer } from './console-support.ts';

describe('console: login, Today and Ratings follow a kiosk sync', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it('refuses a wrong password with a clear message, then logs in and out', async () => {
    const { context, page } = await newPage(browser());
    await page.goto(server().url);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Hãy nhập tên đăng nhập và mật khẩu.');
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    await signIn(page, server().url);
    // A reload keeps the session (cookie) and the CSRF token (read back from the server).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Hôm nay' }).waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Đã đăng xuất.');
    await page.reload();
    await page.getByRole('heading', { name: 'Đăng nhập bảng điều khiển' }).waitFor();
    await context.close();
  });

  it('gives a supervisor the console without user management or staff changes', async () => {
    await server().addUser('giamsat', 'mat-khau-giam-sat', 'supervisor');
    const { context, page } = await newPage(browser());
    await signIn(page, server().url, 'giamsat', 'mat-khau-giam-sat');
    const nav = page.getByRole('navigation', { name: 'Các trang' });
    expect(await nav.getByRole('link').allTextContents()).not.toContain('Tài khoản');
    await openNav(page, 'Cán bộ và cơ cấu');
    await page.getByText('chỉ quản trị viên được thay đổi cán bộ và cơ cấu').waitFor();
    await page.getByRole('table', { name: 'Sở Tư pháp' }).waitFor();
    expect(await page.getByRole('button', { name: 'Thêm cán bộ' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Đưa .* xuống/ }).count()).toBe(0);
    await page.goto(`${server().url}/#/users`);
    await page.getByText('Chỉ quản trị viên được quản lý tài khoản.').waitFor();
    await context.close();
  });

  it('sends an expired session back to the login page with a message', async () => {
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    await server().app.hailong.db.deleteFrom('sessions').execute();
    await openNav(page, 'Đánh giá theo kỳ').catch(() => undefined);
    await page.getByRole('heading', { name: 'Đăng nhập bảng điều khiển' }).waitFor();
    expect(await page.getByRole('status').first().textContent()).toBe('Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.');
    await context.close();
  });

  it('shows a kiosk’s ratings and calls on Today within seconds of its sync, and on the Ratings page', async () => {
    const kiosk = await server().enroll('Kiosk quầy 1');
    const q1 = new KioskEvents('q-1', 'cb-001', 'ag-11');
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    const ratings = page.locator('[data-figure="ratings"]');
    await expect.poll(() => ratings.textContent()).toBe('0');
    await expect.poll(() => page.getByText('Cập nhật trực tiếp').count()).toBe(1);

    const ticket = q1.issue('1001', 'dv-chung-thuc');
    const res = await server().sync(kiosk.token, [
      q1.signIn(),
      ticket.event,
      q1.call(ticket.ticketId),
      q1.rate('tot'),
      q1.rate('kem'),
    ]);
    expect(res.json.rejected).toEqual([]);
    // No reload and no polling on the page: only the server-sent events can bring this. The
    // wait is generous so a busy machine does not fail it; the latency is measured in the benchmark.
    await expect.poll(() => ratings.textContent(), { timeout: 15_000 }).toBe('2');
    const counter = page.getByRole('region', { name: 'Quầy số 1' });
    await expect.poll(() => counter.textContent()).toContain('Nguyễn Thị Hồng Nhung');
    expect(await counter.textContent()).toContain('1001');
    expect(await counter.textContent()).toContain('Kiosk trực tuyến');

    await openNav(page, 'Đánh giá theo kỳ');
    await expect.poll(() => page.locator('[data-figure="ratings-total"]').textContent()).toBe('2');
    const officerRow = page.getByRole('table', { name: 'Đánh giá, phiếu và thời gian theo cán bộ' }).getByRole('row', {
      name: /Nguyễn Thị Hồng Nhung/,
    });
    expect(await officerRow.textContent()).toContain('Sở Tư pháp');

    await server().sync(kiosk.token, [q1.rate('kha')]);
    await page.getByRole('button', { name: 'Quý này' }).click();
    await expect.poll(() => page.locator('[data-figure="ratings-total"]').textContent()).toBe('3');
    await context.close();
  });
});
