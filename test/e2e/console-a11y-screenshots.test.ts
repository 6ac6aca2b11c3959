import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PAGES as PAGES } from './console-pages.ts';
import { seedCentre } from './console-seed.ts';
import {
  CONSOLE_VIEWPORTS,
  launchBrowser,
  newPage,
  openNav,
  seriousViolations,
  signIn,
  startConsoleServer,
  type ConsoleServer,
} from './console-support.ts';

const OUT = 'test-results/screenshots/console';

/** The page is wider than the window: a supervisor would have to scroll sideways (tables scroll inside their own box). */
async function sidewaysScroll(page: Page): Promise<string[]> {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  return scroll > client + 1 ? [`trang rộng ${scroll}px trong cửa sổ ${client}px`] : [];
}

/** Buttons and links under 24 × 24 CSS px (WCAG 2.2, 2.5.8 target size minimum); the console is used with a mouse or a tablet. */
async function tinyTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, a[href], input[type="checkbox"], select')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        // Not shown, or a skip link kept off-screen / clipped to 1 px until it gets focus.
        if (box.width <= 1 || box.height <= 1 || box.bottom <= 0 || box.right <= 0) return false;
        return box.width < 24 || box.height < 24;
      })
      .map((el) => `${el.tagName} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').slice(0, 40)}"`),
  );
}

describe('console and board: accessibility and screenshots at laptop and tablet sizes', () => {
  let browser: Browser;
  let server: ConsoleServer;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launchBrowser();
    server = await startConsoleServer();
    await seedCentre(server);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await browser.close();
  });

  it('has no serious or critical axe finding on any page', async () => {
    const { context, page } = await newPage(browser, CONSOLE_VIEWPORTS.laptop, { bypassCSP: true });
    await page.goto(server.url);
    await page.getByLabel('Tên đăng nhập').waitFor();
    const found: Record<string, string[]> = { login: await seriousViolations(page) };
    await signIn(page, server.url);
    for (const entry of PAGES) {
      if (entry.label !== 'Hôm nay') await openNav(page, entry.label);
      await entry.ready(page);
      found[entry.file] = await seriousViolations(page);
    }
    await page.goto(`${server.url}/board`);
    await page.getByRole('heading', { name: 'Đang phục vụ' }).waitFor();
    await page.getByRole('listitem', { name: /Quầy số 1/ }).waitFor();
    found.board = await seriousViolations(page);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    await context.close();
  });

  for (const [size, viewport] of Object.entries(CONSOLE_VIEWPORTS)) {
    it(`screenshots every page at ${size} (${viewport.width}×${viewport.height}): no sideways scroll, targets big enough, no errors`, async () => {
      const { context, page } = await newPage(browser, viewport);
      const errors: string[] = [];
      let signedIn = false;
      page.on('console', (message) => {
        // Before signing in, the page asks for the session and gets 401: that is how it knows to show the login.
        if (!signedIn && /status of 401/.test(message.text())) return;
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      const problems: Record<string, string[]> = {};
      const check = async (name: string) => {
        problems[name] = [...(await sidewaysScroll(page)), ...(await tinyTargets(page))];
      };
      await page.goto(server.url);
      await page.getByLabel('Tên đăng nhập').waitFor();
      await page.screenshot({ path: `${OUT}/login-${size}.png` });
      await check('login');
      await signIn(page, server.url);
      signedIn = true;
      for (const entry of PAGES) {
        if (entry.label !== 'Hôm nay') await openNav(page, entry.label);
        await entry.ready(page);
        await page.screenshot({ path: `${OUT}/${entry.file}-${size}.png`, fullPage: true });
        await check(entry.file);
      }
      await page.goto(`${server.url}/board`);
      await page.getByRole('listitem', { name: /Quầy số 1/ }).waitFor();
      await page.screenshot({ path: `${OUT}/board-${size}.png` });
      await check('board');
      expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((k) => [k, []])));
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
