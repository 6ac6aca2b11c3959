import type { Page } from 'playwright-core';

/** Elements matching `selector` that stick out of the viewport: a layout a person would notice. */
export async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const width = document.documentElement.clientWidth;
    const height = document.documentElement.clientHeight;
    return [...document.querySelectorAll(sel)]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) return false;
        return box.left < -1 || box.top < -1 || box.right > width + 1 || box.bottom > height + 1;
      })
      .map((el) => `${el.tagName} "${(el.textContent ?? '').slice(0, 40)}"`);
  }, selector);
}

/** Buttons smaller than 64 CSS px either way (15 mm touch targets), except those with `skipClass`. */
export async function smallTargets(page: Page, skipClass?: string): Promise<string[]> {
  return page.evaluate(
    (skip) =>
      [...document.querySelectorAll('button')]
        .filter((b) => {
          if (skip !== null && b.classList.contains(skip)) return false;
          const box = b.getBoundingClientRect();
          return box.width < 64 || box.height < 64;
        })
        .map((b) => `"${b.getAttribute('aria-label') ?? b.textContent ?? ''}"`),
    skipClass ?? null,
  );
}
