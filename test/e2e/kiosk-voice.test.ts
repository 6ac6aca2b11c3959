import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { api, enrolmentCode, startCentral, tempFolder, type Central } from '../integration/sync/central.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, openKiosk, requireBuiltRenderer, type E2eKiosk } from '../support/e2e-kiosk.ts';
import { IdlePage, waitForText } from '../support/kiosk-pages.ts';

interface Heard {
  /** Sentences given to the system speech engine, with the voice used. */
  spoken: { text: string; voice: string | null; lang: string }[];
  /** Bundled clips the page fetched to play. */
  clips: string[];
}

/**
 * The citizen screen speaks a call with the bundled Vietnamese clips, or with a system vi-VN
 * voice when the centre prefers it (Cài đặt giọng đọc on the console). The page's speech engine
 * offers a vi-VN voice in both cases and records what it is asked to say.
 */
describe('kiosk announcements: the centre chooses the system voice or the bundled clips', () => {
  let browser: Browser;
  let server: Central | undefined;
  let folder: { dir: string; cleanup: () => void } | undefined;
  let kiosk: E2eKiosk | undefined;
  beforeAll(async () => {
    requireBuiltRenderer();
    // Audio plays without a tap (as on the kiosk), so the clips are really fetched and played.
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
    });
  });
  afterEach(async () => {
    await kiosk?.close();
    await server?.app.close();
    folder?.cleanup();
    kiosk = undefined;
    server = undefined;
    folder = undefined;
  });
  afterAll(async () => browser.close());

  async function listen(page: Page): Promise<() => Promise<Heard>> {
    const clips: string[] = [];
    page.on('request', (request) => {
      if (/\.ogg(\?|$)/.test(request.url())) clips.push(request.url());
    });
    await page.addInitScript(() => {
      const spoken: { text: string; voice: string | null; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      class FakeUtterance {
        voice: { name: string } | null = null;
        lang = '';
        rate = 1;
        onend: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(readonly text: string) {}
      }
      Object.defineProperty(window, 'speechSynthesis', {
        value: {
          getVoices: () => [
            { lang: 'en-US', name: 'English' },
            { lang: 'vi-VN', name: 'Tiếng Việt (hệ thống)' },
          ],
          addEventListener: () => undefined,
          cancel: () => undefined,
          speak: (u: FakeUtterance) => {
            spoken.push({ text: u.text, voice: u.voice?.name ?? null, lang: u.lang });
            setTimeout(() => u.onend?.(), 50);
          },
        },
      });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance });
    });
    return async () => ({
      spoken: await page.evaluate(() => (window as unknown as { spoken: Heard['spoken'] }).spoken),
      clips: [...clips],
    });
  }

  /** The officer calls the next number from the officer page; returns the sentence the citizen screen says. */
  async function callNext(k: E2eKiosk): Promise<string> {
    const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
    await button(k.page, 'Lấy số thứ tự').click();
    await button(k.page, 'Chứng thực bản sao').click();
    const number = await waitForText(k.page.getByTestId('ticket-number'), /\d{4}/);
    await button(k.page, 'Xong').click();
    const officer = await k.context.newPage();
    await officer.goto(`${k.url}officer`);
    await waitForText(officer.getByRole('region', { name: /Đang chờ/ }), number);
    await button(officer, 'Gọi số tiếp theo').click();
    await waitForText(k.page.getByRole('status'), number, 10_000);
    await officer.close();
    return `Mời công dân có số thứ tự ${number} đến quầy số 1`;
  }

  it('speaks a call with the system vi-VN voice when the centre prefers it', async () => {
    folder = tempFolder('hailong-e2e-voice-');
    server = await startCentral({ dbFile: join(folder.dir, 'central.db') });
    await api(server.url, 'PUT', '/api/v1/console/speech-settings', server.admin, { preferSystemVoice: true });
    kiosk = await openKiosk(browser);
    await kiosk.core.sync.enroll({ serverUrl: server.url, code: await enrolmentCode(server), name: 'Kiosk quầy 1' });
    await kiosk.core.sync.syncNow();
    expect(kiosk.core.state().settings.preferSystemVoice).toBe(true);
    const heard = await listen(kiosk.page);
    await new IdlePage(kiosk.page).open(kiosk.url);

    const sentence = await callNext(kiosk);
    await expect
      .poll(async () => (await heard()).spoken, { timeout: 15_000 })
      .toContainEqual({
        text: sentence,
        voice: 'Tiếng Việt (hệ thống)',
        lang: 'vi-VN',
      });
    expect((await heard()).clips).toEqual([]);
  }, 90_000);

  it('plays the bundled clips by default, even where a system vi-VN voice exists', async () => {
    kiosk = await openKiosk(browser);
    expect(kiosk.core.state().settings.preferSystemVoice).toBe(false);
    const heard = await listen(kiosk.page);
    await new IdlePage(kiosk.page).open(kiosk.url);

    await callNext(kiosk);
    await expect.poll(async () => (await heard()).clips.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect((await heard()).spoken).toEqual([]);
  }, 90_000);
});
