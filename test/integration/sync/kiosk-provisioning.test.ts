import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';
import type { DeviceSummary } from '../../../shared/contract/server-api.ts';
import { freshDatabase } from '../server/support.ts';
import { api, enrolmentCode, startCentral, tempFolder, type Central } from './central.ts';

const ROOT = join(import.meta.dirname, '../../..');
const CLI = [process.execPath, '--import', 'tsx', join(ROOT, 'cli/index.ts')] as const;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A centre as installed: no demo data; one counter created by the admin. */
async function centre(): Promise<Central & { counterId: string }> {
  const db = await freshDatabase('sqlite');
  cleanups.push(db.cleanup);
  const server = await startCentral(db.options, 0, { demo: false });
  cleanups.push(() => server.app.close());
  const counter = await api<{ id: string }>(server.url, 'POST', '/api/v1/counters', server.admin, {
    number: 3,
    name: 'Quầy 3',
  });
  return { ...server, counterId: counter.id };
}

/** `hailong kiosk …` (never --demo here); resolves with its browser-host address. */
async function runKiosk(...args: string[]): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const child = spawn(CLI[0], [...CLI.slice(1), 'kiosk', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
  await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`kiosk exited early: ${out}`);
      expect(out).toContain('Kiosk (trình duyệt):');
    },
    { timeout: 30_000, interval: 100 },
  );
  const url = /Kiosk \(trình duyệt\): (http:\/\/\S+?)\/?\s/.exec(out)![1]!;
  return { child, url, out: () => out };
}

async function invoke(kioskUrl: string, channel: string, body: unknown = {}) {
  const response = await fetch(`${kioskUrl}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as
    { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
}

async function state(kioskUrl: string): Promise<KioskState> {
  const result = await invoke(kioskUrl, 'kiosk:getState');
  if (!result.ok) throw new Error(result.error.message);
  return result.value as KioskState;
}

async function patch(server: Central, id: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/v1/devices/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.admin}` },
    body: JSON.stringify(body),
  });
}

describe('a kiosk set up without --demo', () => {
  it('opens the setup stage, enrols with a code and no PIN, and says it waits for assignment', async () => {
    const server = await centre();
    const data = tempFolder('hailong-setup-');
    cleanups.push(data.cleanup);
    const kiosk = await runKiosk('--browser', '--data-dir', data.dir, '--port', '0');
    const fresh = await state(kiosk.url);
    expect(fresh.setup).toBe('needs_enrolment');
    expect(fresh.sync.enrolled).toBe(false);

    const code = await enrolmentCode(server);
    const enrolled = await invoke(kiosk.url, 'sync:enroll', { serverUrl: server.url, code });
    expect(enrolled.ok).toBe(true);
    await vi.waitFor(
      async () => {
        const s = await state(kiosk.url);
        expect(s.sync.lastSuccessAt).not.toBeNull();
        expect(s.setup).toBe('awaiting_assignment');
      },
      { timeout: 15_000, interval: 200 },
    );
  }, 90_000);

  it('enrols headless, takes role, counter and printer from the console within 5 s, and the centre technician PIN', async () => {
    const server = await centre();
    const data = tempFolder('hailong-provision-');
    cleanups.push(data.cleanup);
    const code = await enrolmentCode(server);
    const kiosk = await runKiosk(
      '--browser',
      ...['--data-dir', data.dir, '--port', '0', '--server', server.url, '--enroll', code, '--paper', '80'],
    );
    await vi.waitFor(async () => expect((await state(kiosk.url)).sync.lastSuccessAt).not.toBeNull(), {
      timeout: 15_000,
      interval: 200,
    });
    const [device] = await api<DeviceSummary[]>(server.url, 'GET', '/api/v1/devices', server.admin);
    expect(device).toMatchObject({ role: null, counterId: null, assignedPrinter: null });
    expect((await state(kiosk.url)).setup).toBe('awaiting_assignment');

    // Validation at the boundary, each in Vietnamese, and nothing changes.
    const bad: Array<[unknown, RegExp]> = [
      [{ role: 'counter' }, /cần chọn một quầy/],
      [{ role: 'counter', counterId: 'q-khong-co' }, /Không có quầy mã "q-khong-co"/],
      [{ role: 'kitchen' }, /Vai trò kiosk/],
      [{ role: 'entrance', printer: { url: 'os', paperWidth: 80 } }, /Chưa hỗ trợ in qua trình điều khiển/],
      [{ role: 'entrance', printer: { url: 'http://x', paperWidth: 80 } }, /Không hỗ trợ giao thức/],
      [{ role: 'entrance', printer: { url: 'tcp://127.0.0.1:9100', paperWidth: 76 } }, /58 hoặc 80/],
    ];
    for (const [body, message] of bad) {
      const response = await patch(server, device!.id, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    const missing = await patch(server, 'kiosk-khong-co', { role: 'entrance' });
    expect(missing.status).toBe(404);

    const assignedAt = Date.now();
    const ok = await patch(server, device!.id, {
      role: 'counter',
      counterId: server.counterId,
      printer: { url: 'tcp://127.0.0.1:9', paperWidth: 58 },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      role: 'counter',
      counterId: server.counterId,
      assignedPrinter: { url: 'tcp://127.0.0.1:9', paperWidth: 58 },
    });
    await vi.waitFor(
      async () => {
        const s = await state(kiosk.url);
        expect(s.counter?.id).toBe(server.counterId);
        expect(s.role).toBe('counter');
        expect(s.setup).toBe('ready');
        // The console's printer replaced "none" at run time: the kiosk now has one to report.
        expect(s.queue.printer.state).not.toBe('none');
      },
      { timeout: 5_000, interval: 100 },
    );
    expect(Date.now() - assignedAt).toBeLessThan(5_000);

    // No technician PIN yet: 9999 (the demo's) does not open the technician screen.
    expect(await invoke(kiosk.url, 'technician:verifyPin', { pin: '9999' })).toMatchObject({ ok: false });
    const shortPin = await fetch(`${server.url}/api/v1/centre/technician-pin`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.admin}` },
      body: JSON.stringify({ pin: '1234' }),
    });
    expect(shortPin.status).toBe(400);
    const setAt = new Date().toISOString();
    await api(server.url, 'PUT', '/api/v1/centre/technician-pin', server.admin, { pin: '20261203' });
    expect(await api(server.url, 'GET', '/api/v1/centre/technician-pin', server.admin)).toEqual({ set: true });
    // Every wrong guess counts towards the lockout, so wait for a sync rather than guessing.
    await vi.waitFor(async () => expect((await state(kiosk.url)).sync.lastSuccessAt! > setAt).toBe(true), {
      timeout: 10_000,
      interval: 250,
    });
    expect(await invoke(kiosk.url, 'technician:verifyPin', { pin: '20261203' })).toMatchObject({ ok: true });
    expect(await invoke(kiosk.url, 'technician:verifyPin', { pin: '9999' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    });
    // The configuration a supervisor reads never carries the hash.
    expect(JSON.stringify(await api(server.url, 'GET', '/api/v1/config', server.admin))).not.toContain('scrypt$');

    // An entrance kiosk: no counter, and no officer PIN hash reaches it.
    await patch(server, device!.id, { role: 'entrance' });
    await vi.waitFor(
      async () => {
        const s = await state(kiosk.url);
        expect(s.role).toBe('entrance');
        expect(s.counter).toBeNull();
      },
      { timeout: 5_000, interval: 100 },
    );
  }, 120_000);

  it("takes the centre's voice choice and the console's voice invitation, which wins over the technician's switch", async () => {
    const server = await centre();
    const data = tempFolder('hailong-voice-');
    cleanups.push(data.cleanup);
    const code = await enrolmentCode(server);
    const kiosk = await runKiosk(
      '--browser',
      ...['--data-dir', data.dir, '--port', '0', '--server', server.url, '--enroll', code],
    );
    await vi.waitFor(async () => expect((await state(kiosk.url)).sync.lastSuccessAt).not.toBeNull(), {
      timeout: 15_000,
      interval: 200,
    });
    const [device] = await api<DeviceSummary[]>(server.url, 'GET', '/api/v1/devices', server.admin);
    await api(server.url, 'PUT', '/api/v1/centre/technician-pin', server.admin, { pin: '20261203' });
    expect((await patch(server, device!.id, { role: 'counter', counterId: server.counterId })).status).toBe(200);
    await vi.waitFor(
      async () => {
        const s = await state(kiosk.url);
        expect(s.setup).toBe('ready');
        expect(await invoke(kiosk.url, 'technician:verifyPin', { pin: '20261203' })).toMatchObject({ ok: true });
      },
      { timeout: 10_000, interval: 250 },
    );
    // Out of the box: the bundled clips, the invitation on, left to the kiosk.
    const fresh = await state(kiosk.url);
    expect(fresh.settings).toMatchObject({ preferSystemVoice: false, ratingVoiceFromConsole: false });
    expect(fresh.queue.ratingVoice).toBe(true);
    expect(await invoke(kiosk.url, 'technician:setRatingVoice', { pin: '20261203', on: false })).toMatchObject({
      ok: true,
    });
    expect((await state(kiosk.url)).queue.ratingVoice).toBe(false);

    // The centre prefers the system voice: the kiosk's announcer is told at its next sync.
    await api(server.url, 'PUT', '/api/v1/console/speech-settings', server.admin, { preferSystemVoice: true });
    await vi.waitFor(async () => expect((await state(kiosk.url)).settings.preferSystemVoice).toBe(true), {
      timeout: 5_000,
      interval: 100,
    });

    // A bad value is refused in Vietnamese and changes nothing.
    const bad = await patch(server, device!.id, { role: 'counter', counterId: server.counterId, ratingVoice: 'có' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /Lời mời đánh giá bằng giọng nói/,
    );
    expect((await api<DeviceSummary[]>(server.url, 'GET', '/api/v1/devices', server.admin))[0]!.ratingVoice).toBeNull();

    // The console switches it on for this kiosk: it wins over the technician's "off".
    const on = await patch(server, device!.id, { role: 'counter', counterId: server.counterId, ratingVoice: true });
    expect(await on.json()).toMatchObject({ ratingVoice: true });
    await vi.waitFor(
      async () => {
        const s = await state(kiosk.url);
        expect([s.queue.ratingVoice, s.settings.ratingVoiceFromConsole]).toEqual([true, true]);
      },
      { timeout: 5_000, interval: 100 },
    );
    await invoke(kiosk.url, 'technician:setRatingVoice', { pin: '20261203', on: false });
    expect((await state(kiosk.url)).queue.ratingVoice).toBe(true);
    // A PATCH that leaves the field out keeps the console's choice.
    await patch(server, device!.id, { role: 'counter', counterId: server.counterId });
    expect((await api<DeviceSummary[]>(server.url, 'GET', '/api/v1/devices', server.admin))[0]!.ratingVoice).toBe(true);

    // Handed back: the technician's switch decides again (it was last set off).
    await patch(server, device!.id, { role: 'counter', counterId: server.counterId, ratingVoice: null });
    await vi.waitFor(
      async () => {
        const s = await state(kiosk.url);
        expect([s.queue.ratingVoice, s.settings.ratingVoiceFromConsole]).toEqual([false, false]);
      },
      { timeout: 5_000, interval: 100 },
    );
  }, 120_000);
});
