import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PAGES } from './console-pages.ts';
import { seedCentre } from './console-seed.ts';
import { launchBrowser, newPage, openNav, signIn, startConsoleServer, type ConsoleServer } from './console-support.ts';

/** A machine date (2026-11-28) anywhere a person reads: text, or the value of a field. */
const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/g;

async function isoDaysShown(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const values = await page.evaluate(() =>
    [...document.querySelectorAll('input, textarea, select')].map((el) => (el as HTMLInputElement).value),
  );
  return [...(text.match(ISO_DAY) ?? []), ...values.flatMap((v) => v.match(ISO_DAY) ?? [])];
}

/** Issue 10: every date the console shows is dd/mm/yyyy, and every date field takes dd/mm/yyyy. */
describe('console: dd/mm/yyyy on every page', () => {
  let browser: Browser;
  let server: ConsoleServer;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startConsoleServer();
    await seedCentre(server);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await browser.close();
  });

  it('shows no yyyy-mm-dd on any page, tab or open editor', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.url);
      const found: Record<string, string[]> = {};
      for (const entry of CONSOLE_PAGES) {
        if (entry.label !== 'Hôm nay') await openNav(page, entry.label);
        await entry.ready(page);
        found[entry.file] = await isoDaysShown(page);
        if (entry.file === 'staff') {
          // Each tab, and an officer's editor with its working-day fields.
          for (const tab of await page.getByRole('tab').allTextContents()) {
            await page.getByRole('tab', { name: tab }).click();
            found[`staff/${tab}`] = await isoDaysShown(page);
          }
          await page.getByRole('tab', { name: 'Cán bộ' }).click();
          await page.getByRole('button', { name: /^Sửa / }).first().click();
          await page.getByText('Làm việc từ ngày').waitFor();
          found['staff/editor'] = await isoDaysShown(page);
        }
        if (entry.file === 'reports' || entry.file === 'ratings') {
          await page.getByRole('button', { name: 'Khoảng khác' }).first().click();
          await page.getByLabel('Từ ngày').first().waitFor();
          found[`${entry.file}/custom`] = await isoDaysShown(page);
        }
      }
      expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    } finally {
      await context.close();
    }
  });

  it('reads a custom period typed as dd/mm/yyyy and prints it so', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.url);
      await openNav(page, 'Báo cáo');
      await page.getByRole('button', { name: 'Khoảng khác' }).first().click();
      await page.getByLabel('Từ ngày').first().fill('02/11/2026');
      await page.getByLabel('Đến ngày').first().fill('13/11/2026');
      await page.getByRole('button', { name: 'Xem' }).first().click();
      // 02/11 is the 2nd of November: a mm/dd reading would be 11 February.
      await page.getByText('(Từ ngày 02/11/2026 đến 13/11/2026)').first().waitFor();
      // A day that does not exist is refused, not read another way.
      await page.getByLabel('Từ ngày').first().fill('31/11/2026');
      expect(await page.getByLabel('Từ ngày').first().getAttribute('aria-invalid')).toBe('true');
    } finally {
      await context.close();
    }
  });
});
