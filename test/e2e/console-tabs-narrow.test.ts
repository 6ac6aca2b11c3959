import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { CONSOLE_VIEWPORTS, newPage, openNav, signIn, startConsoleServer } from './console-support.ts';

/** WCAG contrast of an element's text colour against its own background, under the pointer. */
async function contrast(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (text: string) => {
        const [r, g, b] = rgb(text).map((v) => {
          const c = v / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const style = getComputedStyle(element);
      const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
      return (a! + 0.05) / (b! + 0.05);
    });
}

describe('console: the active tab under the pointer and the edit buttons at 768 px', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it('keeps the active tab and period button readable on hover', async () => {
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    await openNav(page, 'Cán bộ và cơ cấu');
    const active = "[role='tab'][aria-selected='true']";
    await page.locator(active).first().hover();
    expect(await contrast(page, active)).toBeGreaterThanOrEqual(4.5);
    await openNav(page, 'Báo cáo');
    const segment = '.segmented button.active';
    await page.locator(segment).first().hover();
    expect(await contrast(page, segment)).toBeGreaterThanOrEqual(4.5);
    await context.close();
  });

  it('shows every officer edit button whole at 768 px, without scrolling its table', async () => {
    const { context, page } = await newPage(browser(), CONSOLE_VIEWPORTS.tabletPortrait);
    await signIn(page, server().url);
    await openNav(page, 'Cán bộ và cơ cấu');
    const edit = page.getByRole('button', { name: /^Sửa / });
    await edit.first().waitFor();
    const cut = await edit.evaluateAll((buttons) =>
      buttons
        .filter((button) => {
          const box = button.getBoundingClientRect();
          // The nearest ancestor that clips (a scrolling table wrapper) or the window.
          let clip = { left: 0, right: document.documentElement.clientWidth };
          for (let el = button.parentElement; el; el = el.parentElement) {
            if (getComputedStyle(el).overflowX !== 'visible') {
              const r = el.getBoundingClientRect();
              clip = { left: Math.max(clip.left, r.left), right: Math.min(clip.right, r.right) };
            }
          }
          return box.left < clip.left - 0.5 || box.right > clip.right + 0.5;
        })
        .map((button) => button.getAttribute('aria-label')),
    );
    await page.screenshot({ path: 'test-results/console-staff-768.png', fullPage: true });
    expect(cut).toEqual([]);
    await context.close();
  });
});
