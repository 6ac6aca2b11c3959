import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WAL_SIZE_LIMIT_BYTES, checkpointWhenIdle, openDatabase, type Db } from '../../../electron/core/database.ts';

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

  it('bounds the WAL: a busy morning leaves no megabytes of WAL behind once the kiosk is idle', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-checkpoint-'));
    const file = join(dir, 'kiosk.db');
    db = openDatabase(file);
    stop = checkpointWhenIdle(db, 50);
    db.exec('CREATE TABLE blobs (data BLOB) STRICT');
    const insert = db.prepare('INSERT INTO blobs (data) VALUES (?)');
    // About 6 MB in small commits, with no pause for the timer: the WAL grows past its bound.
    for (let i = 0; i < 400; i += 1) insert.run(Buffer.alloc(16 * 1024, i));
    const wal = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    expect(wal()).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES + 4 * 1024 * 1024 + 64 * 1024);
    // Idle: the timer empties the WAL file.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(wal()).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 400 });
  });

  it('never lets a failing checkpoint escape the timer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-checkpoint-'));
    db = openDatabase(join(dir, 'kiosk.db'));
    const failures: unknown[] = [];
    stop = checkpointWhenIdle(db, 20, {
      tick: () => {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
      failed: (error) => failures.push(error),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(failures.length).toBeGreaterThan(2);
    expect(failures[0]).toMatchObject({ code: 'SQLITE_FULL' });
  });
});
