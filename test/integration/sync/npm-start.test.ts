import { join } from 'node:path';
import { DEMO_HISTORY_DEVICE_ID } from '../../../server/demo/demo-history.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeDemo, startDemo, type RunningDemo } from '../../../cli/commands/start-demo.ts';
import { vietnamDay } from '../../../shared/domain/vietnam-time.ts';
import { api, rowCounts, tempFolder, type Central } from './central.ts';

const cleanups: Array<() => Promise<void> | void> = [];
let savedPassword: string | undefined;
beforeEach(() => {
  // The first run must generate a password, whatever the developer's shell has set.
  savedPassword = process.env.HAILONG_ADMIN_PASSWORD;
  delete process.env.HAILONG_ADMIN_PASSWORD;
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  if (savedPassword !== undefined) process.env.HAILONG_ADMIN_PASSWORD = savedPassword;
});

async function run(dataDir: string): Promise<{ demo: RunningDemo; printed: string[] }> {
  const log: string[] = [];
  const demo = await startDemo({
    dataDir,
    serverPort: 0,
    kioskPort: 0,
    printerPort: 0,
    kioskHost: 'browser',
    rendererDir: join(dataDir, 'no-renderer'),
    log: (line) => log.push(line),
  });
  cleanups.push(() => demo.close());
  return { demo, printed: [...log, ...describeDemo(demo, false)] };
}

async function rateAtKiosk(demo: RunningDemo, level: string): Promise<void> {
  const response = await fetch(`${demo.kioskUrl!}api/invoke/ratings:submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ level }),
  });
  expect(await response.json()).toMatchObject({ ok: true });
}

function centralOf(demo: RunningDemo, admin: string): Central {
  const url = demo.serverUrl.replace(/\/$/, '');
  return { app: demo.server, url, port: Number(new URL(url).port), admin };
}

/** What the admin chose at the first login, in place of the generated password. */
const NEW_PASSWORD = 'mat-khau-moi-cua-admin';

describe('npm start (hailong start)', () => {
  it('starts server, printer and an enrolled kiosk whose ratings reach the server; a second start reuses it all', async () => {
    const cwd = tempFolder('hailong-start-');
    cleanups.push(cwd.cleanup);
    const dataDir = join(cwd.dir, 'data');

    const first = await run(dataDir);
    const password = first.demo.generatedAdminPassword;
    expect(password).toMatch(/\S{8,}/);
    const text = first.printed.join('\n');
    expect(text).toContain(first.demo.serverUrl);
    expect(text).toContain(`${first.demo.serverUrl}api/v1/openapi.json`);
    // The board of the demo kiosk's centre (a fresh install's centre #1, TT01) speaks that centre's way.
    expect(first.demo.centreCode).toBe('TT01');
    expect(text).toContain(`Bảng gọi số (phòng chờ):    ${first.demo.serverUrl}board/TT01`);
    const launch = first.printed.find((line) => line.includes('--autoplay-policy=no-user-gesture-required'));
    expect(launch?.endsWith(` ${first.demo.serverUrl}board/TT01`)).toBe(true);
    expect(text).toContain(first.demo.kioskUrl!);
    expect(text).toContain(`${first.demo.kioskUrl!}officer`);
    expect(text).toContain(first.demo.printer!.url);
    expect(text).toContain(password!);
    expect(first.demo.enrolledNow).toBe(true);

    // The kiosk got its configuration from the server and has an officer on duty.
    const kiosk = first.demo.core!;
    const onDuty = kiosk.state().officer;
    expect(onDuty).not.toBeNull();
    const login = await api<{ token: string }>(
      first.demo.serverUrl.replace(/\/$/, ''),
      'POST',
      '/api/v1/auth/login',
      undefined,
      {
        username: 'admin',
        password,
      },
    );
    // The generated password was printed: the first login must replace it before anything else.
    const base = first.demo.serverUrl.replace(/\/$/, '');
    await expect(api(base, 'GET', '/api/v1/officers', login.token)).rejects.toThrow(/403/);
    await api(base, 'POST', '/api/v1/auth/password', login.token, {
      currentPassword: password,
      newPassword: NEW_PASSWORD,
    });
    // Two quick presses would be a misuse pair; this test is about delivery, not the interval,
    // which is the centre's setting and reaches the kiosk with its configuration.
    const rules = { walkUpIntervalSeconds: 0, burstPresses: 20, burstMinutes: 1 };
    await api(first.demo.serverUrl.replace(/\/$/, ''), 'PUT', '/api/v1/console/misuse-rules', login.token, rules);
    await kiosk.sync.syncNow();
    expect(kiosk.config.misuseRules()).toEqual(rules);
    await rateAtKiosk(first.demo, 'tot');
    await rateAtKiosk(first.demo, 'kem');
    // The background loop sends it on its own.
    await vi.waitFor(() => expect(kiosk.state().sync.pending).toBe(0), { timeout: 20_000, interval: 200 });
    const today = vietnamDay(new Date());
    const report = await api<Parameters<typeof rowCounts>[0]>(
      centralOf(first.demo, login.token).url,
      'GET',
      `/api/v1/reports/phu-luc-2?from=${today}&to=${today}&format=json`,
      login.token,
    );
    expect(rowCounts(report, onDuty!.id)).toMatchObject({ tot: 1, kem: 1 });
    await first.demo.close();
    cleanups.length = 0;
    cleanups.push(cwd.cleanup);

    // Second start: same data, no new password, no new enrolment.
    const second = await run(dataDir);
    expect(second.demo.generatedAdminPassword).toBeNull();
    expect(second.printed.join('\n')).not.toContain(password!);
    expect(second.demo.enrolledNow).toBe(false);
    expect(second.demo.deviceId).toBe(first.demo.deviceId);
    const url = second.demo.serverUrl.replace(/\/$/, '');
    const admin = (
      await api<{ token: string }>(url, 'POST', '/api/v1/auth/login', undefined, {
        username: 'admin',
        password: NEW_PASSWORD,
      })
    ).token;
    const devices = await api<Array<{ id: string }>>(url, 'GET', '/api/v1/devices', admin);
    // The demo kiosk, and the demo history's device (marked as demo data, it never syncs).
    expect(devices.map((d) => d.id).sort()).toEqual([DEMO_HISTORY_DEVICE_ID, first.demo.deviceId].sort());

    await rateAtKiosk(second.demo, 'tot');
    await vi.waitFor(() => expect(second.demo.core!.state().sync.pending).toBe(0), { timeout: 20_000, interval: 200 });
    const again = await api<Parameters<typeof rowCounts>[0]>(
      url,
      'GET',
      `/api/v1/reports/phu-luc-2?from=${today}&to=${today}&format=json`,
      admin,
    );
    expect(rowCounts(again, onDuty!.id)).toMatchObject({ tot: 2, kem: 1 });
  }, 120_000);
});
