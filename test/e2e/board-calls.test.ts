import { describe, expect, it } from 'vitest';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { KioskEvents, newPage, startConsoleServer } from './console-support.ts';

type SpeechLog = { text: string; start: number; end: number }[];

describe('waiting-room board', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it('shows and announces, one after the other, the calls made on a kiosk; never a name', async () => {
    const kiosk = await server().enroll('Kiosk quầy 1');
    const q1 = new KioskEvents('q-1', 'cb-001', 'ag-11');
    const q2 = new KioskEvents('q-2', 'cb-002', 'ag-11');
    const { context, page } = await newPage(browser(), { width: 1920, height: 1080 });
    // A Vietnamese voice that takes 400 ms per sentence, recording when each one starts and ends.
    await page.addInitScript(() => {
      const log: { text: string; start: number; end: number }[] = [];
      (window as unknown as { speechLog: typeof log }).speechLog = log;
      class FakeUtterance {
        voice: unknown = null;
        lang = '';
        rate = 1;
        onend: (() => void) | null = null;
        onerror: (() => void) | null = null;
        constructor(readonly text: string) {}
      }
      let speaking = false;
      const synth = {
        getVoices: () => [{ lang: 'vi-VN', name: 'Tiếng Việt' }],
        addEventListener: () => undefined,
        cancel: () => log.push({ text: 'CANCEL', start: Date.now(), end: Date.now() }),
        speak: (u: FakeUtterance) => {
          if (speaking) log.push({ text: 'OVERLAP', start: Date.now(), end: Date.now() });
          speaking = true;
          const start = Date.now();
          setTimeout(() => {
            speaking = false;
            log.push({ text: u.text, start, end: Date.now() });
            u.onend?.();
          }, 400);
        },
      };
      Object.defineProperty(window, 'speechSynthesis', { value: synth });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance });
    });
    // The centre prefers the system voice (the bundled clips are the default, tested below).
    expect((await server().call('PUT', '/api/v1/console/speech-settings', { preferSystemVoice: true })).status).toBe(
      200,
    );
    const response = await page.goto(`${server().url}/board`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByText('Chưa có số nào được gọi hôm nay.').waitFor();

    const a = q1.issue('1001', 'dv-chung-thuc');
    const b = q2.issue('3001', 'dv-quay-2');
    await server().sync(kiosk.token, [
      q1.signIn(),
      q2.signIn(),
      a.event,
      b.event,
      q1.call(a.ticketId),
      q2.call(b.ticketId),
    ]);

    const counters = page.getByRole('list').first();
    // No reload: the board hears the call through server-sent events (generous wait; latency is benchmarked).
    await page.getByRole('listitem', { name: 'Quầy số 1: số 1001' }).waitFor({ timeout: 15_000 });
    await page.getByRole('listitem', { name: 'Quầy số 2: số 3001' }).waitFor();
    const texts = async () =>
      (await page.evaluate(() => (window as unknown as { speechLog: SpeechLog }).speechLog)).map((e) => e.text);
    await expect
      .poll(texts, { timeout: 10_000 })
      .toEqual(['Mời công dân có số thứ tự 1001 đến quầy số 1', 'Mời công dân có số thứ tự 3001 đến quầy số 2']);
    const log = await page.evaluate(() => (window as unknown as { speechLog: SpeechLog }).speechLog);
    expect(log[1]!.start).toBeGreaterThanOrEqual(log[0]!.end);

    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain('Nguyễn');
    expect(body).not.toContain('Trần');
    expect(await counters.textContent()).toContain('1001');
    await context.close();
  });

  it('with no system voice, reads a call with the bundled clips, in order, after the chime', async () => {
    const kiosk = await server().enroll('Kiosk quầy 1');
    const q1 = new KioskEvents('q-1', 'cb-001', 'ag-11');
    const { context, page } = await newPage(browser(), { width: 1920, height: 1080 });
    // No speech engine at all, as on a fresh kiosk PC without a Vietnamese voice.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'speechSynthesis', { value: undefined });
    });
    const clipsFetched: string[] = [];
    page.on('request', (request) => {
      const match = /\/assets\/([a-z0-9-]+?)-[\w-]{8}\.ogg$/.exec(request.url());
      if (match) clipsFetched.push(match[1]!);
    });
    await page.goto(`${server().url}/board`);
    await page.getByText('Chưa có số nào được gọi hôm nay.').waitFor();
    // The one tap that lets the browser play sound. Each clip is fetched once ("một" of the counter is cached).
    await page.getByRole('button', { name: 'Bật âm thanh' }).click();
    const ticket = q1.issue('1024', 'dv-chung-thuc');
    await server().sync(kiosk.token, [q1.signIn(), ticket.event, q1.call(ticket.ticketId)]);
    await page.getByRole('listitem', { name: 'Quầy số 1: số 1024' }).waitFor({ timeout: 15_000 });
    await expect
      .poll(() => clipsFetched, { timeout: 10_000 })
      .toEqual(['moi-so', 'mot', 'nghin', 'khong', 'tram', 'hai', 'muoi-ngang', 'tu', 'den-quay']);
    await context.close();
  });
});
