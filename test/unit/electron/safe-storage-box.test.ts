import type { SafeStorage } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TECHNICIAN_PIN } from '../../../shared/domain/demo-config.ts';
import { KioskCore } from '../../../electron/core/kiosk-core.ts';
import { safeStorageBox } from '../../../electron/main/safe-storage-box.ts';
import { FakeClock, tempDir } from '../../support/core-fixtures.ts';
import { FakeServer } from '../sync/fake-server.ts';
import { fakeSafeStorage } from './fake-electron.ts';

const TOKEN = 'secret-device-token-xyz';
const asSafeStorage = (fake: ReturnType<typeof fakeSafeStorage>) => fake as unknown as SafeStorage;

let cleanup: (() => void) | undefined;
let core: KioskCore | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  cleanup?.();
});

function storedToken(k: KioskCore): string | null {
  return k.config.getSetting('sync.deviceToken');
}

describe('the device token in the OS keychain (safeStorage)', () => {
  it('is stored sealed, never in plain text, and still authenticates the sync', async () => {
    const folder = tempDir();
    cleanup = folder.cleanup;
    const server = new FakeServer();
    const box = safeStorageBox(asSafeStorage(fakeSafeStorage()), 'linux')!;
    expect(box.kind).toBe('os-keychain');
    core = new KioskCore({
      dataDir: folder.dir,
      now: new FakeClock().now,
      secretBox: box,
      sync: { fetch: server.fetch, pollMs: 60_000 },
    });
    await core.seedDemo();
    await core.handlers['sync:enroll']({
      pin: DEMO_TECHNICIAN_PIN,
      serverUrl: 'http://central.test/',
      code: 'ABCD-1234',
    });
    await core.sync.syncNow();
    expect(storedToken(core)).toMatch(/^sealed:v1:/);
    expect(storedToken(core)).not.toContain(TOKEN);
    expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);

    // Another machine's keychain (a copied database) cannot open it: the kiosk is simply not enrolled.
    core.close();
    const foreign = safeStorageBox(asSafeStorage(fakeSafeStorage({ key: 0x33 })), 'linux')!;
    core = new KioskCore({
      dataDir: folder.dir,
      now: new FakeClock().now,
      secretBox: foreign,
      sync: { fetch: server.fetch, pollMs: 60_000 },
    });
    expect(core.state().sync.enrolled).toBe(false);
  });

  it('seals a token saved in plain text before, at the first start with a keychain', async () => {
    const folder = tempDir();
    cleanup = folder.cleanup;
    const server = new FakeServer();
    const plain = new KioskCore({
      dataDir: folder.dir,
      now: new FakeClock().now,
      sync: { fetch: server.fetch, pollMs: 60_000 },
    });
    await plain.seedDemo();
    await plain.handlers['sync:enroll']({
      pin: DEMO_TECHNICIAN_PIN,
      serverUrl: 'http://central.test/',
      code: 'ABCD-1234',
    });
    expect(storedToken(plain)).toBe(TOKEN);
    plain.close();

    const box = safeStorageBox(asSafeStorage(fakeSafeStorage()), 'win32')!;
    core = new KioskCore({
      dataDir: folder.dir,
      now: new FakeClock().now,
      secretBox: box,
      sync: { fetch: server.fetch, pollMs: 60_000 },
    });
    expect(storedToken(core)).toMatch(/^sealed:v1:/);
    expect(core.state().sync.enrolled).toBe(true);
    await core.sync.syncNow();
    expect(server.requests.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('is not used where there is no real keychain: unavailable, or Linux with the hard-coded basic_text key', () => {
    expect(safeStorageBox(asSafeStorage(fakeSafeStorage({ available: false })), 'win32')).toBeNull();
    expect(safeStorageBox(asSafeStorage(fakeSafeStorage({ backend: 'basic_text' })), 'linux')).toBeNull();
    expect(safeStorageBox(asSafeStorage(fakeSafeStorage({ backend: 'kwallet5' })), 'linux')?.kind).toBe('os-keychain');
  });
});
