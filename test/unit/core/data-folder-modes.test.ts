import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_DB_FILE, KioskCore } from '../../../electron/core/kiosk-core.ts';
import { FakeClock, tempDir } from '../../support/core-fixtures.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

let cleanup: (() => void) | undefined;
let core: KioskCore | undefined;
let previousUmask: number | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  cleanup?.();
  if (previousUmask !== undefined) process.umask(previousUmask);
});

describe.skipIf(process.platform === 'win32')('the kiosk data folder', () => {
  it('is created 0700 with the database, its WAL and shared memory 0600, whatever the umask', async () => {
    previousUmask = process.umask(0o022);
    const folder = tempDir();
    cleanup = folder.cleanup;
    const dataDir = join(folder.dir, 'kiosk');
    core = new KioskCore({ dataDir, now: new FakeClock().now });
    await core.seedDemo();
    core.ratings.submit({ counterId: 'q-1', level: 'tot', walkUpIntervalMs: 5_000 });
    expect(mode(dataDir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(mode(join(dataDir, KIOSK_DB_FILE + suffix)), suffix).toBe(0o600);
  });

  it('tightens a folder and database left readable by everyone by an older version', async () => {
    previousUmask = process.umask(0o022);
    const folder = tempDir();
    cleanup = folder.cleanup;
    const dataDir = join(folder.dir, 'kiosk');
    mkdirSync(dataDir, { mode: 0o755 });
    const first = new KioskCore({ dataDir, now: new FakeClock().now });
    await first.seedDemo();
    first.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, KIOSK_DB_FILE), 0o644);
    core = new KioskCore({ dataDir, now: new FakeClock().now });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, KIOSK_DB_FILE))).toBe(0o600);
  });
});
