import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/core/database.ts';
import { KIOSK_MIGRATIONS } from '../../../electron/core/migrations/index.ts';
import { m0001Initial } from '../../../electron/core/migrations/0001-initial.ts';
import { m0002Queue } from '../../../electron/core/migrations/0002-queue.ts';
import { tempDir } from '../../support/core-fixtures.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function open(migrations = [m0001Initial, m0002Queue]): Db {
  const { dir, cleanup } = tempDir('hailong-queue-migration-');
  const db = openDatabase(join(dir, 'kiosk.db'), migrations);
  cleanups.push(cleanup, () => db.close());
  return db;
}

const insertTicket = (db: Db, id: string, status: string, dayIndex: number | null) =>
  db
    .prepare(
      `INSERT INTO tickets (id, day, service_id, counter_id, number, day_index, status, issued_at)
       VALUES (?, '2026-11-28', 'dv', 'q-1', '1001', ?, ?, '2026-11-28T09:00:00.000+07:00')`,
    )
    .run(id, dayIndex, status);

describe('migration 0002-queue', () => {
  it('is listed second and creates STRICT queue tables', () => {
    expect(KIOSK_MIGRATIONS[1]).toBe(m0002Queue);
    const db = open();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const tables = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name IN ('queue_services', 'queue_priorities', 'tickets')",
      )
      .all();
    expect(tables.map((t) => t.name).sort()).toEqual(['queue_priorities', 'queue_services', 'tickets']);
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT\s*$/);
  });

  it('refuses an unknown status and a second ticket in the same numbering slot', () => {
    const db = open();
    expect(() => insertTicket(db, 'a', 'lost', 0)).toThrow(/CHECK/);
    insertTicket(db, 'b', 'waiting', 0);
    expect(() => insertTicket(db, 'c', 'waiting', 0)).toThrow(/UNIQUE/);
    // Transferred tickets use no slot; several may share the null index.
    insertTicket(db, 'd', 'waiting', null);
    insertTicket(db, 'e', 'waiting', null);
  });

  it('keeps the data of version 1 when upgrading', () => {
    const { dir, cleanup } = tempDir('hailong-queue-upgrade-');
    cleanups.push(cleanup);
    const file = join(dir, 'kiosk.db');
    const v1 = openDatabase(file, [m0001Initial]);
    v1.prepare("INSERT INTO settings (key, value) VALUES ('centre.name', 'Trung tâm')").run();
    v1.close();
    const v2 = openDatabase(file, [m0001Initial, m0002Queue]);
    cleanups.push(() => v2.close());
    expect(v2.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'centre.name'").get()!.value).toBe(
      'Trung tâm',
    );
    expect(v2.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 0 });
  });
});
