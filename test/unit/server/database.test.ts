import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { assertMigrationOrder, MIGRATION_TABLE, openServerDb } from '../../../server/db/database.ts';
import { SERVER_MIGRATIONS } from '../../../server/db/migrations/index.ts';
import { seedDefaults } from '../../../server/config/seed.ts';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('server database', () => {
  it('keeps the migration list in order', () => {
    expect(() => assertMigrationOrder(SERVER_MIGRATIONS)).not.toThrow();
    const [first, second] = SERVER_MIGRATIONS;
    expect(() => assertMigrationOrder([second!, first!])).toThrow(/out of order/);
    expect(() => assertMigrationOrder([first!, { ...second!, name: '0001-again' }])).toThrow(/out of order/);
    expect(() => assertMigrationOrder([first!, { ...second!, name: 'second' }])).toThrow(/NNNN-description/);
    // Gaps are allowed on the server: numbers are given to branches before they merge.
    expect(() => assertMigrationOrder([first!, { ...second!, name: '0013-later' }])).not.toThrow();
  });

  it('creates every table with the durable SQLite settings and seeds the defaults once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-db-'));
    const server = await openServerDb({ dbFile: join(dir, 'central.db') });
    try {
      const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(server.db);
      expect(mode.rows[0]!.journal_mode).toBe('wal');
      const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(server.db);
      expect(sync.rows[0]!.synchronous).toBe(2);
      expect(await seedDefaults(server.db)).toBe(true);
      expect(await seedDefaults(server.db)).toBe(false);
      expect(await server.db.selectFrom('agencies').selectAll().execute()).toHaveLength(17);
    } finally {
      await server.close();
    }
  });

  it('refuses a database written by a newer server, and changes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-db-'));
    const file = join(dir, 'central.db');
    const first = await openServerDb({ dbFile: file });
    await sql`INSERT INTO ${sql.table(MIGRATION_TABLE)} (name, timestamp) VALUES ('9999-from-the-future', '2030-01-01')`.execute(
      first.db,
    );
    await first.close();
    await expect(openServerDb({ dbFile: file })).rejects.toThrow(
      /phiên bản máy chủ hailong mới hơn.*9999-from-the-future/,
    );
  });
});
