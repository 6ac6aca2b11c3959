import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttributionMismatchList } from '../../../shared/contract/console-api.ts';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import {
  BACKENDS,
  enrollDevice,
  firstLogin,
  rating,
  startTestServer,
  type SyncBody,
  type TestServer,
} from './support.ts';

// The server's clock: Saturday 28/11/2026, 10:00 Vietnam time. The officer moves agency today.
const NOW = new Date('2026-11-28T03:00:00.000Z');

/** Real HTTP on 127.0.0.1: the answer's status and JSON body (typed by the caller, as inject's json<T>()). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
async function call<T>(base: string, path: string, init: { token?: string; method?: string; json?: unknown } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

function finished(officerId: string, agencyId: string, occurredAt: string) {
  const at = Date.parse(occurredAt);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: uuidv7(),
    seq: 1,
    type: 'ticket.finished' as const,
    occurredAt,
    ticketId: uuidv7(),
    number: '1001',
    serviceId: 'dv-1',
    counterId: 'q-1',
    officerId,
    agencyId,
    issuedAt: iso(at - 20 * 60_000),
    calledAt: iso(at - 10 * 60_000),
    startedAt: iso(at - 9 * 60_000),
  };
}

describe.each(BACKENDS)('a rating checked against the assignment history, on %s', (backend) => {
  let s: TestServer;
  let base: string;
  let device: { deviceId: string; token: string };
  let supervisor: string;
  let nhung: string;
  beforeEach(async () => {
    s = await startTestServer(backend, { now: () => NOW });
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const address = s.app.server.address();
    if (!address || typeof address === 'string') throw new Error('not listening');
    base = `http://127.0.0.1:${address.port}`;
    device = await enrollDevice(s.app, s.admin);
    nhung = (
      await call<{ id: string }>(base, '/api/v1/officers', {
        method: 'POST',
        token: s.admin,
        json: { fullName: 'Nguyễn Thị Hồng Nhung', agencyId: 'ag-11' },
      })
    ).body.id;
    // Moved to ag-02 today: ag-11 up to 27/11, ag-02 from 28/11.
    const moved = await call(base, `/api/v1/officers/${nhung}`, {
      method: 'PATCH',
      token: s.admin,
      json: { agencyId: 'ag-02' },
    });
    expect(moved.status).toBe(200);
    await call(base, '/api/v1/users', {
      method: 'POST',
      token: s.admin,
      json: { username: 'giamsat', password: 'mat-khau-giam-sat', role: 'supervisor' },
    });
    supervisor = await firstLogin(s.app, 'giamsat', 'mat-khau-giam-sat');
  });
  afterEach(async () => s.close());

  const sync = async (events: unknown[]) =>
    (
      await call<SyncBody>(base, '/api/v1/sync', {
        method: 'POST',
        token: device.token,
        json: { deviceTime: NOW.toISOString(), events },
      })
    ).body;
  const phuLuc2 = async () =>
    (await call<PhuLuc2Report>(base, '/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-30', { token: s.admin }))
      .body;
  const pairsOf = (report: PhuLuc2Report, officerId: string) =>
    report.rows
      .filter((row) => row.officerId === officerId && row.counts.some((n) => n > 0))
      .map((row) => [row.agencyId, row.counts.reduce((a, b) => a + b, 0)]);
  const mismatches = async (from = '2026-11-01', to = '2026-11-30') =>
    call<AttributionMismatchList>(base, `/api/v1/console/attribution-mismatches?from=${from}&to=${to}`, {
      token: supervisor,
    });

  it('files a stale kiosk snapshot and a forged pair under the agency of the history, keeps and lists both', async () => {
    const honestBefore = rating({ officerId: nhung, agencyId: 'ag-11', occurredAt: '2026-11-20T09:00:00.000+07:00' });
    // A kiosk offline since the move still sends the old agency today.
    const stale = rating({ officerId: nhung, agencyId: 'ag-11', occurredAt: '2026-11-28T09:00:00.000+07:00' });
    // A forged pair: an agency she never belonged to.
    const forged = rating({ officerId: nhung, agencyId: 'ag-05', occurredAt: '2026-11-20T09:30:00.000+07:00' });
    const honestAfter = rating({ officerId: nhung, agencyId: 'ag-02', occurredAt: '2026-11-28T09:10:00.000+07:00' });
    const body = await sync([honestBefore, stale, forged, honestAfter]);
    // Nothing lost: every rating is accepted.
    expect(body.rejected).toEqual([]);
    expect(body.accepted).toHaveLength(4);

    const report = await phuLuc2();
    // Two for ag-11 (20/11, the forged one included), two for ag-02 (28/11); none under ag-05.
    expect(pairsOf(report, nhung).sort()).toEqual([
      ['ag-02', 2],
      ['ag-11', 2],
    ]);
    expect(report.rows.some((row) => row.officerId === nhung && row.agencyId === 'ag-05')).toBe(false);

    const list = await mismatches();
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    const byEvent = new Map(list.body.rows.map((row) => [row.eventId, row]));
    expect(byEvent.get(stale.id)).toMatchObject({
      eventType: 'rating.submitted',
      day: '2026-11-28',
      officerName: 'Nguyễn Thị Hồng Nhung',
      deviceName: 'Kiosk quầy 1',
      kind: 'other_agency',
    });
    expect(byEvent.get(forged.id)).toMatchObject({ day: '2026-11-20', kind: 'other_agency' });
    const agencies = (await call<{ id: string; name: string }[]>(base, '/api/v1/agencies', { token: s.admin })).body;
    const name = (id: string) => agencies.find((a) => a.id === id)!.name;
    expect(byEvent.get(stale.id)!.sentAgencyName).toBe(name('ag-11'));
    expect(byEvent.get(stale.id)!.filedAgencyName).toBe(name('ag-02'));
    expect(byEvent.get(forged.id)!.sentAgencyName).toBe(name('ag-05'));
    expect(byEvent.get(forged.id)!.filedAgencyName).toBe(name('ag-11'));
    // A period that does not hold those days lists nothing.
    expect((await mismatches('2026-10-01', '2026-10-31')).body.total).toBe(0);
  });

  it('files a served ticket by the history too, and flags a day outside every assignment', async () => {
    const late = (
      await call<{ id: string }>(base, '/api/v1/officers', {
        method: 'POST',
        token: s.admin,
        json: { fullName: 'Trần Văn Bình', agencyId: 'ag-03', activeFrom: '2026-11-25' },
      })
    ).body.id;
    const served = finished(nhung, 'ag-11', '2026-11-28T09:20:00.000+07:00');
    const beforeStart = rating({ officerId: late, agencyId: 'ag-03', occurredAt: '2026-11-21T09:00:00.000+07:00' });
    const body = await sync([served, beforeStart]);
    expect(body.rejected).toEqual([]);
    const row = await s.app.hailong.db
      .selectFrom('tickets_served')
      .select('agency_id')
      .where('ticket_id', '=', served.ticketId)
      .executeTakeFirstOrThrow();
    expect(row.agency_id).toBe('ag-02');
    const list = (await mismatches()).body;
    expect(list.rows.map((r) => [r.eventId, r.eventType, r.kind]).sort()).toEqual(
      [
        [served.id, 'ticket.finished', 'other_agency'],
        [beforeStart.id, 'rating.submitted', 'not_assigned'],
      ].sort(),
    );
  });

  it('answers the list to a supervisor only, and refuses an impossible period', async () => {
    expect((await call(base, '/api/v1/console/attribution-mismatches?from=2026-11-01&to=2026-11-30')).status).toBe(401);
    const bad = await call<{ error: { message: string } }>(
      base,
      '/api/v1/console/attribution-mismatches?from=2026-02-30&to=2026-03-01',
      { token: supervisor },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message.normalize('NFC')).toBe(bad.body.error.message);
  });
});
