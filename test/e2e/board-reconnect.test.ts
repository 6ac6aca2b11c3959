import { describe, expect, it } from 'vitest';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { KioskEvents, newPage, startConsoleServer } from './console-support.ts';

describe('waiting-room board when the server is away', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it('says it is reconnecting while every stream attempt gets 503, keeps trying, and shows calls again once the server answers', async () => {
    const kiosk = await server().enroll('Kiosk quầy 1');
    const q1 = new KioskEvents('q-1', 'cb-001', 'ag-11');
    const { context, page } = await newPage(browser(), { width: 1920, height: 1080 });
    try {
      // The server is unreachable / full: every stream attempt is answered 503.
      let refused = 0;
      await page.route('**/api/v1/board/stream', async (route) => {
        refused += 1;
        await route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"message":"bận"}}' });
      });
      await page.goto(`${server().url}/board`);
      await page.getByRole('status').filter({ hasText: 'Đang kết nối lại…' }).waitFor({ timeout: 10_000 });
      // Not one try and give up (the browser's own EventSource stops after a 503): it keeps trying.
      await expect.poll(() => refused, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);

      await page.unroute('**/api/v1/board/stream');
      const a = q1.issue('1001', 'dv-chung-thuc');
      await server().sync(kiosk.token, [q1.signIn(), a.event, q1.call(a.ticketId)]);
      await page.getByRole('listitem', { name: 'Quầy số 1: số 1001' }).waitFor({ timeout: 20_000 });
      expect(await page.getByText('Đang kết nối lại…').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
