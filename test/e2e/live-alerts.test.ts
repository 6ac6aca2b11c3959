import { describe, expect, it } from 'vitest';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { KioskEvents, newPage, openNav, signIn, startConsoleServer } from './console-support.ts';

describe('console: alerts that act', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it('shows the alert live on an open console when a sync completes its condition, and keeps it once acknowledged', async () => {
    const kiosk = await server().enroll('Kiosk quầy 1');
    const k = new KioskEvents('q-1', 'cb-001', 'ag-11');
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    // Three ratings, two low: not yet the four the rule needs.
    await server().sync(kiosk.token, [k.signIn(), k.rate('tot'), k.rate('kem'), k.rate('trung_binh')]);
    const banner = page.getByRole('region', { name: 'Cảnh báo chưa xác nhận' });
    await page.waitForTimeout(1000);
    expect(await banner.count()).toBe(0);

    // The fourth rating completes the condition: the alert appears without a reload.
    const synced = Date.now();
    await server().sync(kiosk.token, [k.rate('kha')]);
    await banner.getByText('Quầy số 1').waitFor({ timeout: 15_000 });
    // Generous bound for a loaded test machine; the 5 s goal is measured by the benchmark.
    expect(Date.now() - synced).toBeLessThan(15_000);
    expect(await banner.textContent()).toContain('2 trên 4 lượt đánh giá gần đây là Trung bình hoặc Kém');

    await banner.getByRole('button', { name: 'Xem và xác nhận' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cảnh báo' }).waitFor();
    const confirm = page.getByRole('button', { name: 'Xác nhận cảnh báo: Quầy số 1' });
    await confirm.click();
    await page.getByText('Hãy ghi nhận xét khi xác nhận cảnh báo.').waitFor();
    await page.getByLabel('Nhận xét').fill('Đã trao đổi với cán bộ quầy 1');
    await confirm.click();
    await page.getByRole('heading', { name: 'Lịch sử cảnh báo đã xác nhận' }).waitFor();
    await page.getByRole('cell', { name: 'Đã trao đổi với cán bộ quầy 1' }).waitFor();
    expect(await banner.count()).toBe(0);
    // The history stays after a reload.
    await page.reload();
    await openNav(page, 'Cảnh báo');
    await page.getByRole('cell', { name: 'Đã trao đổi với cán bộ quầy 1' }).waitFor();
    await context.close();
  });
});
