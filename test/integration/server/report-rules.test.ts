import { afterEach, describe, expect, it } from 'vitest';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { v7 as uuidv7 } from 'uuid';
import { parseCsv } from '../../../server/staff/read-table.ts';
import { importStaff } from '../../../server/staff/staff-import.ts';
import { KioskEvents } from '../console/console-fixtures.ts';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  login,
  rating,
  startTestServer,
  sync,
  type SyncBody,
  type TestServer,
} from './support.ts';

describe.each(BACKENDS)('report rules on %s', (backend) => {
  let s: TestServer | undefined;
  // After every event these tests send: the server refuses events from its future.
  let clock = new Date('2026-12-01T03:00:00Z');
  afterEach(async () => {
    clock = new Date('2026-12-01T03:00:00Z');
    await s?.close();
    s = undefined;
  });
  const start = async () => {
    s = await startTestServer(backend, { now: () => clock });
    return { server: s, device: await enrollDevice(s.app, s.admin) };
  };
  const phuLuc2 = async (server: TestServer, from: string, to: string) => {
    server.admin = await login(server.app, 'admin', ADMIN_PASSWORD);
    const res = await server.app.inject({
      url: `/api/v1/reports/phu-luc-2?from=${from}&to=${to}`,
      headers: auth(server.admin),
    });
    expect(res.statusCode).toBe(200);
    return res.json<PhuLuc2Report>();
  };
  const patchOfficer = async (server: TestServer, id: string, payload: object) => {
    // Sessions expire on the server's clock, which the test moves forward.
    server.admin = await login(server.app, 'admin', ADMIN_PASSWORD);
    const res = await server.app.inject({
      method: 'PATCH',
      url: `/api/v1/officers/${id}`,
      headers: auth(server.admin),
      payload,
    });
    expect(res.statusCode).toBe(200);
  };

  it('accepts one rating per ticket: a resend is a duplicate, another event for the ticket is refused', async () => {
    const { server, device } = await start();
    const officer = await addOfficer(server.app, server.admin, { fullName: 'Lê Văn Một', agencyId: 'ag-01' });
    const first = rating({ officerId: officer, agencyId: 'ag-01', ticketId: 'phieu-1' });
    expect((await sync(server.app, device.token, [first])).json<SyncBody>().accepted).toEqual([first.id]);
    const again = await sync(server.app, device.token, [first]);
    expect(again.json<SyncBody>()).toMatchObject({ accepted: [], duplicates: [first.id], rejected: [] });
    const second = rating({ officerId: officer, agencyId: 'ag-01', ticketId: 'phieu-1', level: 'kem' });
    const a = rating({ officerId: officer, agencyId: 'ag-01', ticketId: 'phieu-2' });
    const b = rating({ officerId: officer, agencyId: 'ag-01', ticketId: 'phieu-2', level: 'kha' });
    const body = (await sync(server.app, device.token, [second, a, b])).json<SyncBody>();
    expect(body.accepted).toEqual([a.id]);
    expect(body.rejected.map((r) => [r.id, r.reason])).toEqual([
      [second.id, 'Phiếu phieu-1 đã được đánh giá; mỗi phiếu chỉ được đánh giá một lần.'],
      [b.id, 'Phiếu phieu-2 đã được đánh giá; mỗi phiếu chỉ được đánh giá một lần.'],
    ]);
    const report = await phuLuc2(server, '2026-11-28', '2026-11-28');
    expect(report.rows.find((r) => r.officerId === officer)!.counts).toEqual([2, 0, 0, 0]);
  });

  it('keeps ratings of a level taken off the scale: accepted, not sent to kiosks, a column where rated', async () => {
    const { server, device } = await start();
    const officer = await addOfficer(server.app, server.admin, { fullName: 'Lê Văn Một', agencyId: 'ag-01' });
    const scale = await server.app.inject({
      method: 'PUT',
      url: '/api/v1/rating-scale',
      headers: auth(server.admin),
      payload: [
        { code: 'hai_long', label: 'Hài lòng', order: 1, low: false },
        { code: 'khong_hai_long', label: 'Không hài lòng', order: 2, low: true },
      ],
    });
    expect(scale.statusCode).toBe(200);
    expect(scale.json<{ code: string }[]>().map((l) => l.code)).toEqual(['hai_long', 'khong_hai_long']);
    // A kiosk offline since before the change still sends "kha" on 10/11.
    const old = rating({
      officerId: officer,
      agencyId: 'ag-01',
      level: 'kha',
      occurredAt: '2026-11-10T09:00:00+07:00',
    });
    const now = rating({
      officerId: officer,
      agencyId: 'ag-01',
      level: 'hai_long',
      occurredAt: '2026-11-20T09:00:00+07:00',
    });
    const body = (await sync(server.app, device.token, [old, now], { configVersion: 0 })).json<
      SyncBody & { config?: { ratingLevels: { code: string }[] } }
    >();
    expect(body.rejected).toEqual([]);
    expect(body.accepted).toHaveLength(2);
    expect(body.config!.ratingLevels.map((l) => l.code)).toEqual(['hai_long', 'khong_hai_long']);
    const withOld = await phuLuc2(server, '2026-11-01', '2026-11-30');
    expect(withOld.levels.map((l) => l.code)).toEqual(['hai_long', 'kha', 'khong_hai_long']);
    expect(withOld.levels[1]!.label).toBe('Khá');
    expect(withOld.rows.find((r) => r.officerId === officer)!.counts).toEqual([1, 1, 0]);
    const later = await phuLuc2(server, '2026-11-15', '2026-11-30');
    expect(later.levels.map((l) => l.code)).toEqual(['hai_long', 'khong_hai_long']);
  });

  it('lists an officer under the agency of the time: moved, and deactivated without an end date', async () => {
    clock = new Date('2026-06-01T03:00:00Z');
    const { server, device } = await start();
    const moved = await addOfficer(server.app, server.admin, { fullName: 'Trần Văn Chuyển', agencyId: 'ag-01' });
    const left = await addOfficer(server.app, server.admin, { fullName: 'Phạm Thị Nghỉ', agencyId: 'ag-01' });
    clock = new Date('2026-06-06T03:00:00Z');
    await sync(server.app, device.token, [
      rating({ officerId: moved, agencyId: 'ag-01', occurredAt: '2026-06-05T09:00:00+07:00' }),
    ]);
    clock = new Date('2026-06-15T03:00:00Z'); // 10:00 on 15/06 in Vietnam: the move takes effect that day
    await patchOfficer(server, moved, { agencyId: 'ag-11' });
    clock = new Date('2026-06-20T03:00:00Z');
    await patchOfficer(server, left, { active: false });

    const rowsOf = (report: PhuLuc2Report, id: string) =>
      report.rows.filter((r) => r.officerId === id).map((r) => [r.agencyId, ...r.counts]);
    const before = await phuLuc2(server, '2026-06-01', '2026-06-14');
    expect(rowsOf(before, moved)).toEqual([['ag-01', 1, 0, 0, 0]]);
    expect(rowsOf(before, left)).toEqual([['ag-01', 0, 0, 0, 0]]);
    const after = await phuLuc2(server, '2026-06-15', '2026-06-30');
    expect(rowsOf(after, moved)).toEqual([['ag-11', 0, 0, 0, 0]]);
    const spanning = await phuLuc2(server, '2026-06-01', '2026-06-30');
    expect(rowsOf(spanning, moved)).toEqual([
      ['ag-01', 1, 0, 0, 0],
      ['ag-11', 0, 0, 0, 0],
    ]);
    expect(rowsOf(spanning, left)).toEqual([['ag-01', 0, 0, 0, 0]]);
    const july = await phuLuc2(server, '2026-07-01', '2026-07-31');
    expect(rowsOf(july, left)).toEqual([]);
    expect(rowsOf(july, moved)).toEqual([['ag-11', 0, 0, 0, 0]]);
  });

  it('records the history on staff import: a new officer, and one taken back after leaving', async () => {
    clock = new Date('2026-06-05T03:00:00Z');
    const { server } = await start();
    const table = parseCsv('Họ và tên,"Cơ quan, đơn vị"\nHồ Văn Trở Lại,Sở Công Thương\n');
    expect((await importStaff(server.app.hailong.db, table, { dryRun: false, today: '2026-06-01' })).created).toBe(1);
    const id = (await server.app.hailong.db.selectFrom('officers').select('id').executeTakeFirstOrThrow()).id;
    await patchOfficer(server, id, { active: false }); // left on 05/06
    const again = await importStaff(server.app.hailong.db, table, { dryRun: false, today: '2026-06-20' });
    expect(again.updated).toBe(1);
    const listed = async (from: string, to: string) =>
      (await phuLuc2(server, from, to)).rows.filter((r) => r.officerId === id).map((r) => r.agencyId);
    expect(await listed('2026-06-01', '2026-06-04')).toEqual(['ag-01']);
    expect(await listed('2026-06-10', '2026-06-15')).toEqual([]);
    expect(await listed('2026-06-21', '2026-06-30')).toEqual(['ag-01']);
  });

  it('gives the same coverage in the coverage report and in the console', async () => {
    const { server, device } = await start();
    const officer = await addOfficer(server.app, server.admin, { fullName: 'Lê Văn Một', agencyId: 'ag-01' });
    const k = new KioskEvents('q-1', officer, 'ag-01');
    const events: object[] = [];
    const ticket = (i: number, finishedAt: Date) => {
      const issuedAt = new Date(finishedAt.getTime() - 600_000);
      const t = k.issue(String(1000 + i), 'dv', issuedAt);
      const times = {
        issuedAt,
        calledAt: new Date(issuedAt.getTime() + 60_000),
        startedAt: new Date(issuedAt.getTime() + 90_000),
        finishedAt,
      };
      events.push(t.event, k.finish({ ticketId: t.ticketId, number: String(1000 + i), serviceId: 'dv' }, times));
      return t.ticketId;
    };
    // Four tickets on 10/11: one rated, one rated as misuse, two not rated.
    const t1 = ticket(1, new Date('2026-11-10T09:00:00+07:00'));
    const t2 = ticket(2, new Date('2026-11-10T10:00:00+07:00'));
    ticket(3, new Date('2026-11-10T11:00:00+07:00'));
    ticket(4, new Date('2026-11-10T12:00:00+07:00'));
    events.push(
      k.rate('tot', { at: new Date('2026-11-10T09:01:00+07:00'), ticketId: t1 }),
      k.rate('kem', { at: new Date('2026-11-10T10:01:00+07:00'), ticketId: t2, misuse: true }),
      // A ticket id the server never saw finished, and a walk-up rating: neither is coverage.
      k.rate('tot', { at: new Date('2026-11-10T13:00:00+07:00'), ticketId: uuidv7() }),
      k.rate('kha', { at: new Date('2026-11-10T14:00:00+07:00') }),
    );
    expect((await sync(server.app, device.token, events)).json<SyncBody>().rejected).toEqual([]);

    const coverage = await server.app.inject({
      url: '/api/v1/reports/coverage?from=2026-11-01&to=2026-11-30',
      headers: auth(server.admin),
    });
    const console = await server.app.inject({
      url: '/api/v1/console/ratings?from=2026-11-01&to=2026-11-30',
      headers: auth(server.admin),
    });
    const fromReport = coverage
      .json<{ rows: { officerId: string; coveragePercent: number | null; ticketsServed: number }[] }>()
      .rows.find((r) => r.officerId === officer)!;
    const fromConsole = console
      .json<{ byOfficer: { officerId: string; coveragePercent: number | null; ticketsServed: number }[] }>()
      .byOfficer.find((r) => r.officerId === officer)!;
    expect(fromReport.ticketsServed).toBe(4);
    expect(fromReport.coveragePercent).toBe(25);
    expect(fromConsole.ticketsServed).toBe(4);
    expect(fromConsole.coveragePercent).toBe(fromReport.coveragePercent);
  });
});
