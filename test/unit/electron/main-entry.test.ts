import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, STATE_CHANGED } from '../../../shared/contract/kiosk-channels.ts';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';
import { createFakeMainElectron, fakeFrame } from './fake-electron.ts';
import { DEMO_PIN } from '../../../shared/domain/demo-config.ts';

const fake = vi.hoisted(() => ({ current: null as unknown as ReturnType<typeof createFakeMainElectron> }));
// Each test starts main afresh with its own fake; the mocked module forwards to the current one.
vi.mock('electron', () => {
  type Name = keyof typeof fake.current.module;
  const forward = (name: Name): unknown =>
    new Proxy(function () {}, {
      get: (_target, prop) => {
        const target = fake.current.module[name] as object;
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
      construct: (_target, args) =>
        Reflect.construct(fake.current.module[name] as new (...args: unknown[]) => object, args),
    });
  const names: Name[] = ['app', 'BrowserWindow', 'protocol', 'ipcMain', 'screen', 'dialog', 'safeStorage'];
  return Object.fromEntries(names.map((name) => [name, forward(name)]));
});

let dataDir: string;
// The core starts in a worker thread, which loads the TypeScript sources through tsx here.
const STARTUP = { timeout: 20_000 };
const fromKiosk = { senderFrame: fakeFrame('app://kiosk/index.html') };

async function startMain(displayCount = 1, lockGranted = true): Promise<ReturnType<typeof createFakeMainElectron>> {
  fake.current = createFakeMainElectron(displayCount);
  fake.current.module.app.lockGranted = lockGranted;
  vi.resetModules();
  await import('../../../electron/main/index.ts');
  return fake.current;
}

const call = (channel: string, payload: unknown) => fake.current.ipcHandlers.get(channel)!(fromKiosk, payload);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hailong-main-'));
  vi.stubEnv('HAILONG_DATA_DIR', dataDir);
  vi.stubEnv('HAILONG_DEMO', '1');
});
afterEach(() => {
  fake.current.module.app.emit('will-quit'); // closes the database
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('electron/main/index.ts (with a mocked electron module)', () => {
  it('registers the app:// scheme and the security rules before the app is ready', async () => {
    const electron = await startMain();
    expect(electron.order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(electron.order.indexOf('whenReady'));
    expect(electron.module.app.listenerCount('web-contents-created')).toBe(1);
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1), STARTUP);
    expect(electron.module.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('opens one kiosk window on app://kiosk and handles every contract channel', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1), STARTUP);
    expect(electron.windows[0]!.url).toBe('app://kiosk/index.html');
    expect(electron.windows[0]!.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true } });
    expect([...electron.ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('opens the officer window when a second display is attached', async () => {
    const electron = await startMain(2);
    await vi.waitFor(() => expect(electron.windows).toHaveLength(2), STARTUP);
    expect(electron.windows[1]!.url).toBe('app://kiosk/index.html#/officer');
    expect(electron.windows[1]!.options).toMatchObject({ kiosk: false, frame: false, x: 1920 });
  });

  it('serves the demo kiosk core over IPC and pushes state changes to every window', async () => {
    const electron = await startMain(2);
    await vi.waitFor(() => expect(electron.windows).toHaveLength(2), STARTUP);
    const state = (await call('kiosk:getState', {})) as { ok: true; value: KioskState };
    expect(state.ok).toBe(true);
    expect(state.value.officer?.id).toBe('cb-001');

    expect(await call('officer:signOut', { pin: DEMO_PIN })).toEqual({ ok: true, value: null });
    for (const win of electron.windows) {
      const pushed = win.webContents.send.mock.calls.at(-1) as [string, KioskState];
      expect(pushed[0]).toBe(STATE_CHANGED);
      expect(pushed[1].officer).toBeNull();
    }
  });

  it('leaves kiosk mode and quits only with the technician PIN', async () => {
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1), STARTUP);
    const wrong = await call('technician:exitKiosk', { pin: '0000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(electron.windows[0]!.kiosk).toEqual([]);
    expect(electron.module.app.quit).not.toHaveBeenCalled();

    expect(await call('technician:exitKiosk', { pin: '9999' })).toEqual({ ok: true, value: null });
    expect(electron.windows[0]!.kiosk).toEqual([false]);
    await vi.waitFor(() => expect(electron.module.app.quit).toHaveBeenCalledOnce(), STARTUP);
  });

  it('a second instance quits at once and opens nothing', async () => {
    const electron = await startMain(1, false);
    expect(electron.module.app.quit).toHaveBeenCalledOnce();
    expect(electron.module.app.whenReady).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });

  it('shows a clear message and exits when the database is from a newer version', async () => {
    const db = new Database(join(dataDir, 'kiosk.db'));
    db.pragma('user_version = 9999');
    db.close();
    const electron = await startMain();
    await vi.waitFor(() => expect(electron.module.app.exit).toHaveBeenCalledWith(1), STARTUP);
    const [title, message] = electron.module.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toBe('Không khởi động được kiosk');
    expect(message).toContain('phiên bản hailong mới hơn');
    expect(electron.windows).toHaveLength(0);
  });
});
