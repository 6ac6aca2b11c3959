import { describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../shared/contract/server-api.ts';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { ConsoleAdminPage } from './console-admin-pages.ts';
import { newPage, signIn, startConsoleServer } from './console-support.ts';

/**
 * An admin switches one kiosk's spoken rating invitation on the Kiosks page (issue 11 §1): the
 * choice is saved for that kiosk, listed with it, and can be handed back to the kiosk's technician.
 */
describe('console Kiosks page: the spoken rating invitation per kiosk', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it('is set per kiosk, shown in the list, and handed back to the technician', async () => {
    const s = server();
    const { url } = s;
    const call = s.call.bind(s);
    const { deviceId } = await s.enroll('Kiosk quầy 1');
    await s.enroll('Kiosk quầy 2');
    const { context, page } = await newPage(browser());
    try {
      await signIn(page, url);
      const admin = new ConsoleAdminPage(page);
      await admin.openKiosks();
      const counters = await call<Array<{ id: string; number: number; name: string }>>('GET', '/api/v1/counters');
      const first = counters.json.find((c) => c.number === 1)!;
      await admin.assign('Kiosk quầy 1', { role: 'counter', counter: first }, 'Tắt');

      const devices = async () => (await call<DeviceSummary[]>('GET', '/api/v1/devices')).json;
      expect((await devices()).find((d) => d.id === deviceId)).toMatchObject({ role: 'counter', ratingVoice: false });
      // Only the kiosk the admin changed.
      expect((await devices()).find((d) => d.name === 'Kiosk quầy 2')?.ratingVoice).toBeNull();
      const row = page.getByRole('row', { name: /Kiosk quầy 1/ });
      await expect
        .poll(() => row.locator('[data-figure="kiosk-rating-voice"]').textContent())
        .toBe('Lời mời đánh giá bằng giọng nói: tắt');
      // The form opens on what was saved.
      const form = page.getByRole('group', { name: 'Phân công Kiosk quầy 1', exact: true });
      expect(await form.getByLabel('Lời mời đánh giá bằng giọng nói').inputValue()).toBe('off');

      await admin.assign('Kiosk quầy 1', { role: 'counter', counter: first }, 'Theo kiosk (kỹ thuật viên đặt)');
      expect((await devices()).find((d) => d.id === deviceId)?.ratingVoice).toBeNull();
      await expect
        .poll(() => row.locator('[data-figure="kiosk-rating-voice"]').textContent())
        .toBe('Lời mời đánh giá bằng giọng nói: theo kiosk (kỹ thuật viên đặt)');
    } finally {
      await context.close();
    }
  }, 90_000);
});
