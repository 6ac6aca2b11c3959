import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BOARD_CHROMIUM_FLAGS, boardAddress, boardLaunchCommand } from '../../cli/commands/board-launch.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, requireBuiltRenderer } from '../support/e2e-kiosk.ts';
import { usePerTest } from '../support/e2e-hooks.ts';
import { KioskEvents, startConsoleServer } from './console-support.ts';

/**
 * The TV in the waiting room speaks without anyone tapping `Bật âm thanh` when Chromium is
 * started as the launcher says; opened by hand, the button is there as the fallback.
 */
describe('waiting-room board: speaking without a tap', () => {
  const server = usePerTest(startConsoleServer);

  async function openBoard(extraArgs: readonly string[]) {
    requireBuiltRenderer();
    // --kiosk is for a real screen; headless ignores it, the autoplay flag is what matters here.
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, ...extraArgs.filter((flag) => flag !== '--kiosk')],
    });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as { spoken: string[] }).spoken = spoken;
      class FakeUtterance {
        voice: unknown = null;
        lang = '';
        rate = 1;
        onend: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(readonly text: string) {}
      }
      Object.defineProperty(window, 'speechSynthesis', {
        value: {
          getVoices: () => [{ lang: 'vi-VN', name: 'Tiếng Việt' }],
          addEventListener: () => undefined,
          cancel: () => undefined,
          speak: (u: FakeUtterance) => {
            spoken.push(u.text);
            setTimeout(() => u.onend?.(), 50);
          },
        },
      });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance });
    });
    await page.goto(`${server().url}/board`);
    await page.getByText('Chưa có số nào được gọi hôm nay.').waitFor();
    return { browser, page };
  }

  it('prints a launch command with the autoplay flag, and so launched the board has no button and speaks', async () => {
    expect(boardLaunchCommand('http://127.0.0.1:8080/board')).toBe(
      `chromium ${BOARD_CHROMIUM_FLAGS.join(' ')} http://127.0.0.1:8080/board`,
    );
    expect(BOARD_CHROMIUM_FLAGS).toContain('--autoplay-policy=no-user-gesture-required');
    // A known centre's board is /board/<code>; none known: /board, the first centre's.
    expect(boardAddress('http://127.0.0.1:8080/', 'XA-01')).toBe('http://127.0.0.1:8080/board/XA-01');
    expect(boardAddress('http://127.0.0.1:8080', null)).toBe('http://127.0.0.1:8080/board');

    // The centre prefers the system voice, so what the board says can be read from the utterances.
    expect((await server().call('PUT', '/api/v1/console/speech-settings', { preferSystemVoice: true })).status).toBe(
      200,
    );
    const { browser, page } = await openBoard(BOARD_CHROMIUM_FLAGS);
    expect(await page.evaluate(() => new AudioContext().state)).toBe('running');
    expect(await page.getByRole('button', { name: 'Bật âm thanh' }).count()).toBe(0);
    const kiosk = await server().enroll('Kiosk quầy 1');
    const q1 = new KioskEvents('q-1', 'cb-001', 'ag-11');
    const a = q1.issue('1001', 'dv-chung-thuc');
    await server().sync(kiosk.token, [q1.signIn(), a.event, q1.call(a.ticketId)]);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken), { timeout: 15_000 })
      .toContain('Mời công dân có số thứ tự 1001 đến quầy số 1');
    await browser.close();
  });

  it('opened without the flag, keeps the Bật âm thanh button as the fallback', async () => {
    const { browser, page } = await openBoard([]);
    await page.getByRole('button', { name: 'Bật âm thanh' }).waitFor();
    await browser.close();
  });
});
