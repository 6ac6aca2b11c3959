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

/**
 * CSS pixels per centimetre on the physical screen each kiosk viewport stands for. The smallest
 * supported screen is a 10.1″ 1280×800 tablet: √(1280² + 800²) / 10.1 ≈ 149 ppi ≈ 58.7 px/cm.
 * The 1920×1080 sizes are a 21.5″ monitor (≈ 102 ppi ≈ 40.3 px/cm), landscape or portrait.
 */
export function pxPerCm(viewport: { width: number; height: number }): number {
  const diagonalPx = Math.hypot(viewport.width, viewport.height);
  const diagonalInches = Math.max(viewport.width, viewport.height) <= 1280 ? 10.1 : 21.5;
  return diagonalPx / diagonalInches / 2.54;
}

/** Citizen-facing targets are at least 2 cm either way (issue 10): elderly and disabled citizens use them. */
export const CITIZEN_TARGET_CM = 2;

/** Buttons (and links styled as buttons) under `CITIZEN_TARGET_CM` on the physical screen, with their size in cm. */
export async function smallCitizenTargets(
  page: Page,
  viewport: { width: number; height: number },
  skipClass?: string,
): Promise<string[]> {
  const minPx = CITIZEN_TARGET_CM * pxPerCm(viewport);
  const perCm = pxPerCm(viewport);
  return page.evaluate(
    ({ skip, min, cm }) =>
      [...document.querySelectorAll('button, a.button')]
        .filter((b) => {
          if (skip !== null && b.classList.contains(skip)) return false;
          const box = b.getBoundingClientRect();
          if (box.width === 0 && box.height === 0) return false;
          return box.width < min - 0.5 || box.height < min - 0.5;
        })
        .map((b) => {
          const box = b.getBoundingClientRect();
          const name = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim().slice(0, 30);
          return `"${name}" ${(box.width / cm).toFixed(1)}×${(box.height / cm).toFixed(1)} cm`;
        }),
    { skip: skipClass ?? null, min: minPx, cm: perCm },
  );
}
