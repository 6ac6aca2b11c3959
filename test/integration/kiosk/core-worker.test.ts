import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCoreWorker, type CoreClient } from '../../../electron/core/worker/core-client.ts';
import { dispatch } from '../../../shared/contract/dispatch.ts';
import type { KioskState } from '../../../shared/contract/kiosk-state.ts';

// The worker boundary in plain Node: what Electron's main does, without Electron.
const WORKER = new URL('../../../electron/core/worker/core-worker.ts', import.meta.url);

let dir = '';
let core: CoreClient | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const start = (demo: boolean) =>
  startCoreWorker({ file: WORKER, tsx: true, data: { dataDir: dir, demo }, exitKiosk: () => undefined });

describe('the kiosk core in a worker thread', () => {
  it('answers contract channels from a real core on disk, and carries its refusals back unchanged', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-worker-'));
    core = await start(false);
    const state = await dispatch(core.handlers, 'kiosk:getState', {});
    expect(state).toMatchObject({ ok: true, value: { counter: null, officer: null } });
    // Refused by the core inside the worker, with its own code and Vietnamese message.
    const refused = await dispatch(core.handlers, 'officer:signOut', { pin: '1234' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'no_counter' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/chưa được gán quầy/);
    expect(await dispatch(core.handlers, 'ratings:submit', { level: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  }, 60_000);

  it('stores a rating on disk before answering, and sends the state change before the answer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-worker-'));
    // The demo gives an officer on duty at counter 1: this test is about the boundary, not provisioning.
    core = await start(true);
    const seen: KioskState[] = [];
    core.onStateChanged((state) => seen.push(state));
    const answer = await dispatch(core.handlers, 'ratings:submit', { level: 'tot' });
    expect(answer.ok).toBe(true);
    const db = new Database(join(dir, 'kiosk.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT level FROM ratings').all()).toEqual([{ level: 'tot' }]);
    } finally {
      db.close();
    }
    const before = seen.length;
    const signedOut = await dispatch(core.handlers, 'officer:signOut', { pin: '1234' });
    expect(signedOut).toEqual({ ok: true, value: null });
    // Already here when the answer arrives: one port, in order.
    expect(seen.length).toBeGreaterThan(before);
    expect(seen.at(-1)!.officer).toBeNull();
  }, 60_000);

  it('refuses to start on a database from a newer hailong, with the core’s message', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-worker-'));
    const db = new Database(join(dir, 'kiosk.db'));
    db.pragma('user_version = 9999');
    db.close();
    await expect(start(false)).rejects.toThrow(/phiên bản hailong mới hơn/);
  }, 60_000);
});
