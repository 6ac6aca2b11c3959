// Live alerts (issue 11 §6): from the sync that completes an alert's condition to the alert shown
// on an open console in Chromium, beside the same sync's update of the Today page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { v7 as uuidv7 } from 'uuid';
import { createServer } from '../../server/app.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/e2e-kiosk.ts';
import { quantile, round, type Figure } from './figure.ts';

const PASSWORD = 'mat-khau-bench-alerts';
const COUNTERS = 20;

interface Seen {
  alert: number;
  today: number;
}

export async function benchAlerts(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-bench-alerts-'));
  // Provisioned like a real centre, without demo data.
  const app = await createServer({ dbFile: join(dir, 'central.db'), adminPassword: PASSWORD, log: () => undefined });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: PASSWORD },
    });
    const token = login.json<{ token: string }>().token;
    const auth = { authorization: `Bearer ${token}` };
    const officer = await app.inject({
      method: 'POST',
      url: '/api/v1/officers',
      headers: auth,
      payload: { fullName: 'Nguyễn Văn An', agencyId: 'ag-11' },
    });
    const officerId = officer.json<{ id: string }>().id;
    for (let n = 1; n <= COUNTERS; n += 1) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/counters',
        headers: auth,
        payload: { id: `q-${String(n)}`, number: n, name: `Quầy ${String(n)}` },
      });
    }
    const code = await app.inject({ method: 'POST', url: '/api/v1/devices/enrollment-codes', headers: auth });
    const device = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/devices/enroll',
        payload: { code: code.json<{ code: string }>().code, name: 'Kiosk' },
      })
    ).json<{ token: string }>();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    let seq = 0;
    const sync = (counterId: string, levels: string[]) =>
      fetch(`${url}/api/v1/sync`, {
        method: 'POST',
        headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          deviceTime: new Date().toISOString(),
          events: levels.map((level) => ({
            id: uuidv7(),
            seq: (seq += 1),
            type: 'rating.submitted',
            occurredAt: new Date().toISOString(),
            officerId,
            agencyId: 'ag-11',
            counterId,
            level,
          })),
        }),
      }).then((res) => {
        if (!res.ok) throw new Error(`sync ${String(res.status)}`);
      });

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addCookies([{ name: 'hailong_session', value: token, url }]);
    const page = await context.newPage();
    await page.goto(`${url}/#/today`);
    await page.getByRole('region', { name: `Quầy số ${String(COUNTERS)}` }).waitFor();

    const alertMs: number[] = [];
    const todayMs: number[] = [];
    for (let n = 1; n <= COUNTERS; n += 1) {
      const counterId = `q-${String(n)}`;
      // Three ratings, two low: the fourth completes "half low, at least four in 15 minutes".
      await sync(counterId, ['tot', 'kem', 'trung_binh']);
      await page
        .getByRole('region', { name: `Quầy số ${String(n)}` })
        .locator('dd', { hasText: /^3$/ })
        .waitFor();
      // The page notes, every 5 ms, when the alert and the Today count first show.
      await page.evaluate((number) => {
        const w = window as unknown as { seen: Seen };
        w.seen = { alert: 0, today: 0 };
        const timer = window.setInterval(() => {
          const banner = document.querySelector('section.live-alerts');
          if (!w.seen.alert && banner?.textContent.includes(`Quầy số ${String(number)} `)) w.seen.alert = Date.now();
          const card = document.querySelector(`section[aria-label="Quầy số ${String(number)}"]`);
          const counts = [...(card?.querySelectorAll('dt') ?? [])].find((dt) => dt.textContent === 'Lượt đánh giá');
          if (!w.seen.today && counts?.nextElementSibling?.textContent === '4') w.seen.today = Date.now();
          if (w.seen.alert && w.seen.today) window.clearInterval(timer);
        }, 5);
      }, n);
      const started = Date.now();
      await sync(counterId, ['kha']);
      const seen = await page.waitForFunction(
        () => {
          const s = (window as unknown as { seen: Seen }).seen;
          return s.alert && s.today ? s : null;
        },
        undefined,
        { timeout: 30_000 },
      );
      const { alert, today } = (await seen.jsonValue()) as Seen;
      alertMs.push(alert - started);
      todayMs.push(today - started);
    }
    await context.close();
    return [
      {
        name: `alerts.evidence-to-console.p99`,
        value: round(quantile(alertMs, 0.99), 0),
        unit: 'ms',
        goal: '< 5000',
        better: 'lower',
        baseline: `the same sync's Today update p99: ${String(round(quantile(todayMs, 0.99), 0))} ms (median alert ${String(round(quantile(alertMs, 0.5), 0))} ms, ${String(COUNTERS)} syncs)`,
      },
    ];
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
