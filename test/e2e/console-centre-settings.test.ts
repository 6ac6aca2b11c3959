import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AlertSettings } from '../../shared/contract/console-api.ts';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { newPage, openNav, signIn, startConsoleServer, type ConsoleServer } from './console-support.ts';

const SHOTS = join(import.meta.dirname, '../../test-results/screenshots');
const CENTRE_A = 'Trung tâm Phục vụ hành chính công tỉnh';
const CENTRE_B = 'Bộ phận một cửa xã Tân An';
const OWN = 'Riêng của trung tâm';
const INHERITED = 'Theo mặc định của tỉnh';
const PROVINCE_NOTE = 'Đang sửa mặc định của tỉnh; các trung tâm chưa đặt riêng sẽ theo giá trị này.';

/** The "Ngưỡng cảnh báo" form of the Alerts page (not the live alerts' one). */
const alertsForm = (page: Page) =>
  page.locator('form', { has: page.getByRole('heading', { name: 'Ngưỡng cảnh báo', exact: true }) });
const daysField = (page: Page) => alertsForm(page).getByLabel('Số ngày gần nhất');

/** Where a centre's alert thresholds come from, as the API lists it. */
async function alertsSource(s: ConsoleServer, code: string): Promise<string | undefined> {
  const listed = await s.call<{ settings: { name: string; source: string }[] }>(
    'GET',
    `/api/v1/centre-settings?centre=${code}`,
  );
  expect(listed.status).toBe(200);
  return listed.json.settings.find((x) => x.name === 'alerts')?.source;
}

async function alertDays(s: ConsoleServer, query: string): Promise<number> {
  const read = await s.call<AlertSettings>('GET', `/api/v1/console/alert-settings${query}`);
  expect(read.status).toBe(200);
  return read.json.days;
}

/** Issue 13: a province admin edits one centre's settings or the province default; a centre follows until it sets its own. */
describe('console: settings per centre', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it('lets a province admin give centre B its own alert thresholds while A inherits, and drop them again', async () => {
    const s = server();
    mkdirSync(SHOTS, { recursive: true });
    expect((await s.call('POST', '/api/v1/centres', { code: 'XA-TAN-AN', name: CENTRE_B })).status).toBe(201);
    const builtIn = await alertDays(s, '');

    const { context, page } = await newPage(browser());
    await signIn(page, s.url);
    const select = page.getByRole('combobox', { name: 'Trung tâm' });
    await select.selectOption({ label: CENTRE_B });
    await openNav(page, 'Cảnh báo');
    const form = alertsForm(page);
    await form.getByText(INHERITED).waitFor();
    expect(await form.getByRole('button', { name: 'Dùng lại mặc định của tỉnh' }).count()).toBe(0);

    // B's own value: saved for B only.
    await daysField(page).fill('14');
    await form.getByRole('button', { name: 'Lưu và xem lại' }).click();
    await form.getByText(OWN).waitFor();
    expect(await alertDays(s, '?centre=XA-TAN-AN')).toBe(14);
    expect(await alertsSource(s, 'XA-TAN-AN')).toBe('centre');
    expect(await alertDays(s, '?centre=TT01')).toBe(builtIn);
    expect(await alertsSource(s, 'TT01')).not.toBe('centre');
    expect(await alertDays(s, '')).toBe(builtIn);
    await page.screenshot({ path: join(SHOTS, 'console-settings-centre-own.png'), fullPage: true });

    // Centre A still follows the province.
    await select.selectOption({ label: CENTRE_A });
    await form.getByText(INHERITED).waitFor();
    await expect.poll(() => daysField(page).inputValue()).toBe(String(builtIn));
    await page.screenshot({ path: join(SHOTS, 'console-settings-centre-inherited.png'), fullPage: true });

    // Every centre: the province default, said plainly; A follows its change, B keeps its own.
    await select.selectOption({ label: 'Tất cả trung tâm' });
    await form.getByText(PROVINCE_NOTE).waitFor();
    expect(await form.getByText(OWN).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'console-settings-province-default.png'), fullPage: true });
    await daysField(page).fill('45');
    await form.getByRole('button', { name: 'Lưu và xem lại' }).click();
    await form.getByText('Đã lưu ngưỡng cảnh báo.').waitFor();
    expect(await alertDays(s, '')).toBe(45);
    expect(await alertDays(s, '?centre=TT01')).toBe(45);
    expect(await alertDays(s, '?centre=XA-TAN-AN')).toBe(14);
    await select.selectOption({ label: CENTRE_A });
    await expect.poll(() => daysField(page).inputValue()).toBe('45');
    await form.getByText(INHERITED).waitFor();

    // B drops its own value and follows the province again.
    await select.selectOption({ label: CENTRE_B });
    await expect.poll(() => daysField(page).inputValue()).toBe('14');
    await form.getByRole('button', { name: 'Dùng lại mặc định của tỉnh' }).click();
    await form.getByText(INHERITED).waitFor();
    await expect.poll(() => daysField(page).inputValue()).toBe('45');
    expect(await alertsSource(s, 'XA-TAN-AN')).toBe('province');
    expect(await alertDays(s, '?centre=XA-TAN-AN')).toBe(45);

    // The other settings sections say the same: services (the queue) and the report's framing.
    await openNav(page, 'Cán bộ và cơ cấu');
    await page.getByRole('tab', { name: /Dịch vụ/ }).click();
    await page.getByText(INHERITED).first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'console-settings-centre-services.png'), fullPage: true });
    await context.close();
  });

  it("shows a centre's admin their own centre's values, with no centre to choose", async () => {
    const s = server();
    mkdirSync(SHOTS, { recursive: true });
    expect((await s.call('POST', '/api/v1/centres', { code: 'XA-TAN-AN', name: CENTRE_B })).status).toBe(201);
    const centres = await s.call<{ id: number; code: string }[]>('GET', '/api/v1/centres');
    const a = centres.json.find((c) => c.code === 'TT01')!;
    // A's own threshold, B's own other one: the admin of A sees A's.
    const own = { days: 21, lowSharePercent: 25, coveragePercent: 40, minRatings: 3 };
    expect((await s.call('PUT', '/api/v1/console/alert-settings?centre=TT01', own)).status).toBe(200);
    expect((await s.call('PUT', '/api/v1/console/alert-settings?centre=XA-TAN-AN', { ...own, days: 9 })).status).toBe(
      200,
    );
    await s.addUser('quantri.tinh.a', 'mat-khau-quan-tri-a', 'admin', a.id);

    const { context, page } = await newPage(browser());
    await signIn(page, s.url, 'quantri.tinh.a', 'mat-khau-quan-tri-a');
    expect(await page.getByRole('combobox', { name: 'Trung tâm' }).count()).toBe(0);
    await openNav(page, 'Cảnh báo');
    const form = alertsForm(page);
    await form.getByText(OWN).waitFor();
    await expect.poll(() => daysField(page).inputValue()).toBe('21');
    // The live alerts' thresholds were never set for A: inherited.
    await page
      .locator('form', { has: page.getByRole('heading', { name: 'Ngưỡng cảnh báo trực tiếp' }) })
      .getByText(INHERITED)
      .waitFor();
    expect(await page.getByText(PROVINCE_NOTE).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'console-settings-centre-admin.png'), fullPage: true });

    // Their own value dropped: A follows the province; B keeps its own.
    await form.getByRole('button', { name: 'Dùng lại mặc định của tỉnh' }).click();
    await form.getByText(INHERITED).waitFor();
    expect(await alertsSource(s, 'TT01')).not.toBe('centre');
    expect(await alertDays(s, '?centre=XA-TAN-AN')).toBe(9);
    await expect.poll(() => daysField(page).inputValue()).toBe(String(await alertDays(s, '')));
    await context.close();
  });
});
