import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CounterAccess } from '../../shared/contract/server-api.ts';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { newPage, openNav, signIn, startConsoleServer } from './console-support.ts';

/** Issue 9 item 5 in the console: an admin chooses who may sign in at a counter. */
describe('console: who may sign in at a counter', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it('shows each counter’s agencies and saves a narrower choice the server then enforces', async () => {
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    // Errors after sign-in (the session probe before it answers 401 by design).
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await openNav(page, 'Cán bộ và cơ cấu');
    await page.getByRole('tab', { name: 'Quầy' }).click();
    const access = async () => (await server().call<CounterAccess[]>('GET', '/api/v1/counters/access')).json;
    const first = (await access())[0]!;
    expect(first.agencyIds.length).toBeGreaterThan(1);

    await page.getByRole('button', { name: 'Chọn ai đăng nhập được tại Quầy số 1' }).click();
    const editor = page.getByRole('form', { name: 'Ai đăng nhập được tại Quầy số 1' });
    await editor.waitFor();
    // Keep only the first agency the counter serves.
    const boxes = editor.getByRole('group', { name: /Cơ quan, đơn vị quầy phục vụ/ }).getByRole('checkbox');
    const checked = await boxes.evaluateAll((els) => els.filter((el) => (el as HTMLInputElement).checked).length);
    expect(checked).toBe(first.agencyIds.length);
    for (let i = 0, seen = 0; i < (await boxes.count()); i++) {
      if (await boxes.nth(i).isChecked()) {
        if (seen++ > 0) await boxes.nth(i).uncheck();
      }
    }
    const dir = join(process.cwd(), 'test-results');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'console-counter-access.png'), fullPage: true });
    await editor.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Đã lưu ai đăng nhập được');
    await expect.poll(async () => (await access())[0]!.agencyIds.length).toBe(1);

    // The page fits its width and said nothing wrong.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
