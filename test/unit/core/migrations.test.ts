import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  assertMigrationOrder,
  DatabaseOpenError,
  migrate,
  openDatabase,
  type Db,
} from '../../../electron/core/database.ts';
import { KIOSK_MIGRATIONS } from '../../../electron/core/migrations/index.ts';
import type { Migration } from '../../../electron/core/migrations/migration.ts';
import { tempDir } from '../../support/core-fixtures.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function newFile(): string {
  const { dir, cleanup } = tempDir('hailong-migrations-');
  cleanups.push(cleanup);
  return join(dir, 'kiosk.db');
}

function open(file: string, migrations?: readonly Migration[]): Db {
  const db = openDatabase(file, migrations);
  cleanups.unshift(() => db.close());
  return db;
}

const userVersion = (db: Db): number => db.pragma('user_version', { simple: true }) as number;

const m1: Migration = {
  version: 1,
  name: '0001-one',
  up: (db) => db.exec('CREATE TABLE one (id INTEGER PRIMARY KEY, note TEXT NOT NULL) STRICT'),
};
const m2: Migration = {
  version: 2,
  name: '0002-two',
  up: (db) => {
    db.exec('CREATE TABLE two (id INTEGER PRIMARY KEY) STRICT');
    db.exec("INSERT INTO one (note) VALUES ('added by m2')");
  },
};

describe('openDatabase on a fresh file', () => {
  it('runs every migration, with STRICT tables', () => {
    const db = open(newFile());
    expect(userVersion(db)).toBe(KIOSK_MIGRATIONS.length);
    const tables = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['ratings', 'events', 'officers', 'duty']));
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT\s*$/);
  });

  it('sets the durability pragmas', () => {
    const db = open(newFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });
});

describe('migrate', () => {
  it('applies only the new migration on upgrade, once', () => {
    const file = newFile();
    const db = open(file, [m1]);
    db.prepare("INSERT INTO one (note) VALUES ('kept')").run();
    expect(userVersion(db)).toBe(1);
    migrate(db, [m1, m2]);
    expect(userVersion(db)).toBe(2);
    migrate(db, [m1, m2]);
    expect(db.prepare('SELECT note FROM one ORDER BY id').pluck().all()).toEqual(['kept', 'added by m2']);
  });

  it('rolls a failing migration back entirely and leaves the version where it was', () => {
    const db = open(newFile(), [m1]);
    const failing: Migration = {
      version: 2,
      name: '0002-failing',
      up: (inner) => {
        inner.exec('CREATE TABLE two (id INTEGER PRIMARY KEY) STRICT');
        inner.exec("INSERT INTO one (note) VALUES ('half done')");
        throw new Error('migration bug');
      },
    };
    expect(() => migrate(db, [m1, failing])).toThrow('migration bug');
    expect(userVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'two'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM one').pluck().get()).toBe(0);
    // The fixed migration then runs normally.
    migrate(db, [m1, m2]);
    expect(userVersion(db)).toBe(2);
  });

  it('rejects a list with a gap or out of order', () => {
    expect(() => assertMigrationOrder([m1, { ...m2, version: 3 }])).toThrow(/expected 2/);
    expect(() => assertMigrationOrder([m2, m1])).toThrow();
    expect(() => assertMigrationOrder(KIOSK_MIGRATIONS)).not.toThrow();
  });
});

describe('openDatabase refusals', () => {
  function writeNewerDatabase(file: string, journal: 'wal' | 'delete'): void {
    const raw = new Database(file);
    raw.pragma(`journal_mode = ${journal}`);
    raw.exec('CREATE TABLE future (id INTEGER PRIMARY KEY) STRICT');
    raw.pragma('user_version = 99');
    raw.close();
  }

  for (const journal of ['wal', 'delete'] as const) {
    it(`refuses a database from a newer hailong (journal ${journal}) and leaves the file unchanged`, () => {
      const file = newFile();
      writeNewerDatabase(file, journal);
      const before = readFileSync(file);
      const mtimeBefore = statSync(file).mtimeMs;
      let error: unknown;
      try {
        openDatabase(file);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DatabaseOpenError);
      expect((error as Error).message).toMatch(/phiên bản hailong mới hơn/);
      expect((error as Error).message).toContain('99');
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(statSync(file).mtimeMs).toBe(mtimeBefore);
    });
  }

  it('refuses a corrupt file with a clear message and leaves it as it was', () => {
    const file = newFile();
    const garbage = randomBytes(8192);
    writeFileSync(file, garbage);
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(() => openDatabase(file)).toThrow(/bị hỏng hoặc không phải cơ sở dữ liệu hailong/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a folder that does not exist with a Vietnamese message', () => {
    const file = join(newFile(), 'missing', 'kiosk.db');
    expect(() => openDatabase(file)).toThrow(/Không mở được tệp dữ liệu/);
  });
});
