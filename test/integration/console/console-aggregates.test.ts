import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { RatingsStats } from '../../../shared/contract/console-api.ts';
import { createServer } from '../../../server/app.ts';
import { ADMIN_PASSWORD, BACKENDS, auth, enrollDevice, freshDatabase, login, sync } from '../server/support.ts';
import { KioskEvents } from './console-fixtures.ts';

describe.each(BACKENDS)('console daily totals on %s', (backend) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('are kept by the ingest in the batch transaction and equal a straight count (adoption: test/integration/server/migrations.test.ts)', async () => {
    const database = await freshDatabase(backend);
    cleanup = database.cleanup;
    const open = () =>
      createServer({ ...database.options, adminPassword: ADMIN_PASSWORD, demo: true, log: () => undefined });
    const stats = async (app: Awaited<ReturnType<typeof open>>) => {
      const token = await login(app, 'admin', ADMIN_PASSWORD);
      const res = await app.inject({
        url: '/api/v1/console/ratings?from=2026-03-01&to=2026-03-31',
        headers: auth(token),
      });
      const body = res.json<RatingsStats>();
      return body.byOfficer
        .filter((o) => o.ticketsServed > 0)
        .map((o) => [o.officerId, o.ticketsServed, o.ticketRatings, o.averageWaitSeconds, o.averageServiceSeconds]);
    };

    const app = await open();
    const admin = await login(app, 'admin', ADMIN_PASSWORD);
    const device = await enrollDevice(app, admin);
    const k = new KioskEvents('q-1', 'cb-001', 'ag-11');
    const events: object[] = [];
    for (let i = 0; i < 5; i += 1) {
      const issuedAt = new Date(`2026-03-0${i + 1}T08:00:00+07:00`);
      const t = k.issue(String(1001 + i), 'dv-chung-thuc', issuedAt);
      const calledAt = new Date(issuedAt.getTime() + (i + 1) * 60_000);
      const startedAt = new Date(calledAt.getTime() + 30_000);
      const finishedAt = new Date(startedAt.getTime() + 120_000);
      events.push(
        t.event,
        k.finish(
          { ticketId: t.ticketId, number: String(1001 + i), serviceId: 'dv-chung-thuc' },
          { issuedAt, calledAt, startedAt, finishedAt },
        ),
      );
      if (i < 3) events.push(k.rate('tot', { at: finishedAt, ticketId: t.ticketId, misuse: i === 2 }));
    }
    expect((await sync(app, device.token, events)).json<{ rejected: unknown[] }>().rejected).toEqual([]);
    const live = await stats(app);
    expect(live).toEqual([['cb-001', 5, 2, 180, 120]]);

    // The ingest-kept totals equal a straight count over the base tables.
    const db = app.hailong.db;
    const straight = await sql<{ n: number }>`SELECT count(*) AS n FROM ratings r
      WHERE r.ticket_id IS NOT NULL AND r.misuse = 0
        AND EXISTS (SELECT 1 FROM tickets_served t WHERE t.ticket_id = r.ticket_id)`.execute(db);
    expect(straight.rows[0]!.n).toBe(2);
    await app.close();
  });
});
