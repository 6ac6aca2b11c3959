import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/database.ts';
import { KIOSK_MIGRATIONS } from '../../../electron/core/migrations/index.ts';
import { tempDir } from '../../support/core-fixtures.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

describe('migration 0003-sync', () => {
  it('is in the list at its number', () => {
    expect(KIOSK_MIGRATIONS.find((m) => m.name === '0003-sync')?.version).toBe(3);
  });

  it('keeps events recorded before the upgrade, unsent and not rejected', () => {
    const { dir, cleanup } = tempDir('hailong-sync-migration-');
    cleanups.push(cleanup);
    const file = join(dir, 'kiosk.db');
    const before = openDatabase(file, KIOSK_MIGRATIONS.slice(0, 2));
    before
      .prepare('INSERT INTO events (seq, id, type, occurred_at, body) VALUES (?, ?, ?, ?, ?)')
      .run(1, 'e-1', 'rating.submitted', '2026-11-28T09:00:00.000+07:00', '{}');
    before.close();

    const after = openDatabase(file);
    cleanups.unshift(() => after.close());
    expect(after.pragma('user_version', { simple: true })).toBe(KIOSK_MIGRATIONS.length);
    const row = after
      .prepare<[], { id: string; sent_at: string | null; rejected_reason: string | null }>(
        'SELECT id, sent_at, rejected_reason FROM events',
      )
      .get();
    expect(row).toEqual({ id: 'e-1', sent_at: null, rejected_reason: null });
  });
});
