import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointWhenIdle, openDatabase, type Db } from '../../../electron/core/database.ts';

describe('checkpointWhenIdle', () => {
  let dir: string;
  let db: Db | undefined;
  let stop: (() => void) | undefined;

  afterEach(() => {
    stop?.();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves commits in the WAL and moves them into the database file off the write path', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-checkpoint-'));
    const file = join(dir, 'kiosk.db');
    db = openDatabase(file);
    stop = checkpointWhenIdle(db, 50);
    db.exec('CREATE TABLE blobs (data BLOB) STRICT');
    const before = statSync(file).size;
    const insert = db.prepare('INSERT INTO blobs (data) VALUES (?)');
    for (let i = 0; i < 64; i += 1) insert.run(Buffer.alloc(16 * 1024, i));
    // A megabyte committed: still only in the WAL, the commits did not checkpoint.
    expect(statSync(file).size).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statSync(file).size).toBeGreaterThan(before + 1024 * 1024);
  });
});
