import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateServerDb, type Db } from '../../../server/db/database.ts';
import { SERVER_MIGRATIONS } from '../../../server/db/migrations/index.ts';
import type { ServerSchema } from '../../../server/db/schema.ts';
import { BACKENDS, freshDatabase, type TestBackend } from './support.ts';

function openRaw(backend: TestBackend, options: { dbFile?: string; databaseUrl?: string }): Db {
  if (backend === 'sqlite')
    return new Kysely<ServerSchema>({ dialect: new SqliteDialect({ database: new Database(options.dbFile) }) });
  return new Kysely<ServerSchema>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: options.databaseUrl, max: 2 }) }),
  });
}

const BEFORE = SERVER_MIGRATIONS.findIndex((m) => m.name === '0024-queue-by-centre');
const DAY = '2026-12-03';

/**
 * Migration 0024 on a province database from before it: two centres' kiosks had shared one
 * queue. Every row keeps its place and goes to its device's centre; nothing is lost.
 */
describe.each(BACKENDS)('the queue by centre upgrade on %s', (backend) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("gives every ticket, feed entry, call and lease its device's centre, and numbers become per centre", async () => {
    const database = await freshDatabase(backend);
    cleanup = database.cleanup;
    const db = openRaw(backend, database.options);
    try {
      await migrateServerDb(db, backend, SERVER_MIGRATIONS.slice(0, BEFORE));
      await sql`INSERT INTO centres (code, name, created_at) VALUES ('XA02', 'Xã Hai', '2026-12-01T00:00:00Z')`.execute(
        db,
      );
      for (const [id, centre] of [
        ['d-a', 1],
        ['d-b', 2],
      ] as const) {
        await sql`INSERT INTO devices (id, name, token_hash, created_at, centre_id)
          VALUES (${id}, ${id}, ${`hash-${id}`}, '2026-12-01T00:00:00Z', ${centre})`.execute(db);
      }
      const ticket = (id: string, device: string, dayIndex: number, status = 'waiting') =>
        sql`INSERT INTO queue_tickets (ticket_id, day, service_id, number, day_index, status, issued_at, issued_ms,
            issuing_device, updated_ms, rating_token)
          VALUES (${id}, ${DAY}, 'dv-1', ${String(1001 + dayIndex)}, ${dayIndex}, ${status},
            '2026-12-03T08:00:00+07:00', 1, ${device}, 1, ${`tok-${id}`})`.execute(db);
      await ticket('t-a', 'd-a', 0, 'called');
      await ticket('t-b', 'd-b', 50);
      // Issued by a device the server no longer holds: the first centre, where it was.
      await ticket('t-gone', 'd-gone', 1);
      const feed = (ticketId: string, device: string) =>
        sql`INSERT INTO queue_feed (ticket_id, day, service_id, device_id, body)
          VALUES (${ticketId}, ${DAY}, 'dv-1', ${device}, '{}')`.execute(db);
      await feed('t-a', 'd-a');
      await feed('t-b', 'd-b');
      // The phone's feed entry names no device: it follows its ticket.
      await feed('t-b', 'phone');
      await sql`INSERT INTO queue_calls (event_id, day, ticket_id, counter_id, device_id, kind, called_at, called_ms)
        VALUES ('e-call', ${DAY}, 't-a', 'q-1', 'd-a', 'called', '2026-12-03T08:05:00+07:00', 2)`.execute(db);
      for (const [first, device] of [
        [0, 'd-a'],
        [50, 'd-b'],
      ] as const) {
        await sql`INSERT INTO number_leases (service_id, day, first_index, count, device_id, granted_at)
          VALUES ('dv-1', ${DAY}, ${first}, 50, ${device}, '2026-12-03T00:00:00Z')`.execute(db);
      }

      await migrateServerDb(db, backend);

      const tickets = await db
        .selectFrom('queue_tickets')
        .select(['ticket_id', 'centre_id', 'number', 'status', 'rating_token'])
        .orderBy('ticket_id')
        .execute();
      expect(tickets).toEqual([
        { ticket_id: 't-a', centre_id: 1, number: '1001', status: 'called', rating_token: 'tok-t-a' },
        { ticket_id: 't-b', centre_id: 2, number: '1051', status: 'waiting', rating_token: 'tok-t-b' },
        { ticket_id: 't-gone', centre_id: 1, number: '1002', status: 'waiting', rating_token: 'tok-t-gone' },
      ]);
      const feedRows = await db
        .selectFrom('queue_feed')
        .select(['seq', 'device_id', 'centre_id'])
        .orderBy('seq')
        .execute();
      expect(feedRows.map((r) => [`${r.seq}`, r.device_id, r.centre_id])).toEqual([
        // bigserial: a string from PostgreSQL's driver.
        ['1', 'd-a', 1],
        ['2', 'd-b', 2],
        ['3', 'phone', 2],
      ]);
      expect(await db.selectFrom('queue_calls').select(['event_id', 'centre_id']).execute()).toEqual([
        { event_id: 'e-call', centre_id: 1 },
      ]);
      const leases = await db
        .selectFrom('number_leases')
        .select(['device_id', 'centre_id', 'first_index', 'count'])
        .orderBy('first_index')
        .execute();
      expect(leases).toEqual([
        { device_id: 'd-a', centre_id: 1, first_index: 0, count: 50 },
        { device_id: 'd-b', centre_id: 2, first_index: 50, count: 50 },
      ]);

      // Now each centre has its own sequence: centre 2 may lease and number from the start…
      await db
        .insertInto('number_leases')
        .values({
          centre_id: 2,
          service_id: 'dv-1',
          day: DAY,
          first_index: 0,
          count: 50,
          device_id: 'd-b',
          granted_at: '2026-12-03T09:00:00Z',
        })
        .execute();
      await sql`INSERT INTO queue_tickets (ticket_id, centre_id, day, service_id, number, day_index, status, issued_at,
          issued_ms, issuing_device, updated_ms) VALUES ('t-b0', 2, ${DAY}, 'dv-1', '1001', 0, 'waiting',
          '2026-12-03T09:00:00+07:00', 3, 'd-b', 3)`.execute(db);
      // …but within one centre a number is still taken once.
      await expect(
        sql`INSERT INTO queue_tickets (ticket_id, centre_id, day, service_id, number, day_index, status, issued_at,
          issued_ms, issuing_device, updated_ms) VALUES ('t-b00', 2, ${DAY}, 'dv-1', '1001', 0, 'waiting',
          '2026-12-03T09:00:00+07:00', 3, 'd-b', 3)`.execute(db),
      ).rejects.toThrow();
      await expect(
        db
          .insertInto('number_leases')
          .values({
            centre_id: 1,
            service_id: 'dv-1',
            day: DAY,
            first_index: 0,
            count: 50,
            device_id: 'd-a',
            granted_at: '2026-12-03T09:00:00Z',
          })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await db.destroy();
    }
  });
});
