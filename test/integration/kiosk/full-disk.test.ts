import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/contract/dispatch.ts';
import { DEMO_TECHNICIAN_PIN } from '../../../shared/domain/demo-config.ts';
import { KioskCore } from '../../../electron/core/kiosk-core.ts';
import { DISK_FULL_MESSAGE } from '../../../electron/core/storage-guard.ts';
import { FakeServer } from '../../unit/sync/fake-server.ts';
import { FakeClock } from '../../support/core-fixtures.ts';

/**
 * A real full disk: a small tmpfs mounted for the test, filled with a file until ENOSPC. Needs
 * root (CI runs as root); elsewhere the test is skipped and says why.
 */
function mountSmallDisk(): { dir: string; unmount: () => void } | string {
  if (process.getuid?.() !== 0) return 'needs root to mount a small tmpfs (CI runs as root)';
  const dir = mkdtempSync(join(tmpdir(), 'hailong-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m,mode=0700', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmdirSync(dir);
    return `cannot mount a tmpfs here: ${(error as Error).message.split('\n')[0]}`;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', [dir]);
      rmdirSync(dir);
    },
  };
}

/** Writes a filler file until the file system refuses; returns its path. */
function fillDisk(dir: string): string {
  const file = join(dir, 'filler.bin');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(16 * 1024, 7);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}

const probe = mountSmallDisk();
const skipReason = typeof probe === 'string' ? probe : null;
if (typeof probe !== 'string') probe.unmount();
if (skipReason) console.warn(`full-disk test skipped: ${skipReason}`);

const until = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe.skipIf(skipReason !== null)('a kiosk on a full disk (real tmpfs)', () => {
  let disk: { dir: string; unmount: () => void };
  let core: KioskCore | undefined;
  afterEach(() => {
    core?.close();
    core = undefined;
    disk.unmount();
  });

  it('stays up, refuses new records with a clear message, reports it at the next sync, and resumes by itself', async () => {
    const mounted = mountSmallDisk();
    if (typeof mounted === 'string') throw new Error(mounted);
    disk = mounted;
    const clock = new FakeClock();
    const server = new FakeServer();
    core = new KioskCore({ dataDir: disk.dir, now: clock.now, sync: { fetch: server.fetch, pollMs: 60_000 } });
    await core.seedDemo();
    await core.handlers['sync:enroll']({
      pin: DEMO_TECHNICIAN_PIN,
      serverUrl: 'http://central.test/',
      code: 'ABCD-1234',
    });
    await core.sync.syncNow();
    const kiosk = core;
    const tap = () => dispatch(kiosk.handlers, 'ratings:submit', { level: 'tot' });

    const filler = fillDisk(disk.dir);
    const acknowledged: string[] = [];
    let refusal: { code: string; message: string } | null = null;
    for (let i = 0; i < 20_000 && !refusal; i += 1) {
      clock.advance(6_000);
      const result = await tap();
      if (result.ok) acknowledged.push((result.value as { ratingId: string }).ratingId);
      else refusal = result.error;
    }
    expect(refusal).toEqual({ code: 'unavailable', message: DISK_FULL_MESSAGE });
    expect(core.state().storage).toMatchObject({ state: 'full', message: DISK_FULL_MESSAGE });
    // Taking a number and signing in are refused with the same message; nothing half-written.
    const take = await dispatch(kiosk.handlers, 'queue:takeNumber', { serviceId: 'dv-chung-thuc' });
    expect(take).toEqual({ ok: false, error: { code: 'unavailable', message: DISK_FULL_MESSAGE } });

    // Several idle checkpoints on the full disk: the process must still be here (no uncaught SQLITE_FULL).
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const stored = kiosk.db.prepare<[], string>('SELECT id FROM ratings').pluck().all();
    expect(new Set(stored)).toEqual(new Set(acknowledged));

    // The console learns it at the next sync.
    const before = server.requests.length;
    await kiosk.sync.syncNow();
    expect(server.requests.slice(before).at(-1)?.body.status).toMatchObject({ storage: { state: 'full' } });

    // Space returns: the kiosk resumes by itself, without a restart.
    rmSync(filler);
    await until(() => kiosk.state().storage.state === 'ok');
    clock.advance(6_000);
    expect((await tap()).ok).toBe(true);
    expect(kiosk.state().storage).toEqual({ state: 'ok', message: null, since: null });
  }, 60_000);

  it('restarted on a full disk, it comes up and stays up, refusing records', async () => {
    const mounted = mountSmallDisk();
    if (typeof mounted === 'string') throw new Error(mounted);
    disk = mounted;
    const clock = new FakeClock();
    const first = new KioskCore({ dataDir: disk.dir, now: clock.now });
    await first.seedDemo();
    first.close();
    fillDisk(disk.dir);

    core = new KioskCore({ dataDir: disk.dir, now: clock.now });
    expect(core.state().storage.state).toBe('full');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const tapped = await dispatch(core.handlers, 'ratings:submit', { level: 'kha' });
    expect(tapped).toEqual({ ok: false, error: { code: 'unavailable', message: DISK_FULL_MESSAGE } });
    expect((await dispatch(core.handlers, 'kiosk:getState', {})).ok).toBe(true);
  }, 60_000);
});
