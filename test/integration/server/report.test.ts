import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import type { Db } from '../../../server/db/database.ts';
import { splitMisuse } from '../../../server/reports/phu-luc-2-query.ts';
import { vietnamDayRange } from '../../../shared/domain/vietnam-time.ts';
import {
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  rating,
  startTestServer,
  sync,
  type SyncBody,
  type TestServer,
} from './support.ts';

/** The same counts straight from the ratings on the UTC instant, to check the daily table against. */
async function countsFromRatings(db: Db, from: string, to: string) {
  const { start, end } = vietnamDayRange(from, to);
  const rows = await db
    .selectFrom('ratings')
    .select(['officer_id', 'agency_id', 'level', 'misuse', sql<number>`count(*)`.as('count')])
    .where('occurred_ms', '>=', start.getTime())
    .where('occurred_ms', '<', end.getTime())
    .groupBy(['officer_id', 'agency_id', 'level', 'misuse'])
    .execute();
  return splitMisuse(rows);
}

describe.each(BACKENDS)('Phụ lục 2 on %s', (backend) => {
  let s: TestServer;
  let device: { deviceId: string; token: string };
  beforeEach(async () => {
    s = await startTestServer(backend, { now: () => new Date('2026-12-01T03:00:00.000Z') });
    device = await enrollDevice(s.app, s.admin);
  });
  afterEach(async () => s.close());

  const get = (from: string, to: string, format = 'json') =>
    s.app.inject({ url: `/api/v1/reports/phu-luc-2?from=${from}&to=${to}&format=${format}`, headers: auth(s.admin) });
  const send = async (events: unknown[]) => {
    const body = (await sync(s.app, device.token, events)).json<SyncBody>();
    expect(body.rejected).toEqual([]);
    return body;
  };

  it('counts whole Vietnam days, both ends included, whatever offset the kiosk wrote', async () => {
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Nguyễn Văn Biên', agencyId: 'ag-01' });
    const inside = [
      '2026-11-01T00:00:00+07:00',
      '2026-11-01T00:00:00.000+07:00',
      '2026-10-31T17:00:00Z',
      '2026-11-01T02:00:00+09:00',
      '2026-10-31T23:30:00+00:00',
      '2026-11-30T23:59:59+07:00',
      '2026-11-30T23:59:59.999+07:00',
      '2026-11-30T16:59:59.999Z',
    ];
    const outside = [
      '2026-10-31T23:59:59.999+07:00',
      '2026-10-31T23:59:59+07:00',
      '2026-10-31T16:59:59.999Z',
      '2026-12-01T00:00:00+07:00',
      '2026-11-30T17:00:00Z',
      '2026-11-30T18:00:00-01:00',
    ];
    await send(
      [...inside, ...outside].map((occurredAt) => rating({ officerId: officer, agencyId: 'ag-01', occurredAt })),
    );
    const report = (await get('2026-11-01', '2026-11-30')).json<PhuLuc2Report>();
    expect(report.rows[0]!.counts).toEqual([inside.length, 0, 0, 0]);
    expect(report.periodLine).toBe('(Từ ngày 01/11/2026 đến 30/11/2026)');
    // The daily table and a straight count on the UTC instant agree.
    const straight = await countsFromRatings(s.app.hailong.db, '2026-11-01', '2026-11-30');
    expect(straight.counts).toEqual([{ officerId: officer, agencyId: 'ag-01', level: 'tot', count: inside.length }]);
    // One day alone: 30/11 holds the three late ones.
    expect((await get('2026-11-30', '2026-11-30')).json<PhuLuc2Report>().rows[0]!.counts).toEqual([3, 0, 0, 0]);
    expect((await get('2026-10-31', '2026-10-31')).json<PhuLuc2Report>().rows[0]!.counts).toEqual([3, 0, 0, 0]);
  });

  it('builds the table cell by cell: agency order, officer order, zero rows, agency at the time, misuse left out', async () => {
    const ha = await addOfficer(s.app, s.admin, { fullName: 'Lê Thị Thu Hà', agencyId: 'ag-01', order: 1 });
    const binh = await addOfficer(s.app, s.admin, { fullName: 'Bình Văn Minh', agencyId: 'ag-01', order: 5 });
    const anh = await addOfficer(s.app, s.admin, { fullName: 'Ánh Thị Nguyệt', agencyId: 'ag-01', order: 5 });
    const duc = await addOfficer(s.app, s.admin, { fullName: 'Trần Văn Đức', agencyId: 'ag-11', order: 2 });
    const nhung = await addOfficer(s.app, s.admin, { fullName: 'Nguyễn Thị Hồng Nhung', agencyId: 'ag-11', order: 1 });
    const tuan = await addOfficer(s.app, s.admin, { fullName: 'Hoàng Minh Tuấn', agencyId: 'ag-11', order: 3 });
    await addOfficer(s.app, s.admin, { fullName: 'Đã Nghỉ Việc', agencyId: 'ag-11', activeTo: '2026-10-15' });
    await addOfficer(s.app, s.admin, { fullName: 'Chưa Đến Làm', agencyId: 'ag-11', activeFrom: '2026-12-05' });
    const r = (officerId: string, agencyId: string, level: string, extra: { misuse?: boolean } = {}) =>
      rating({ officerId, agencyId, level, occurredAt: '2026-11-10T10:00:00+07:00', ...extra });
    await send([
      r(nhung, 'ag-11', 'tot'),
      r(nhung, 'ag-11', 'tot'),
      r(nhung, 'ag-11', 'tot'),
      r(nhung, 'ag-11', 'kha'),
      r(nhung, 'ag-11', 'tot', { misuse: true }),
      r(nhung, 'ag-11', 'kem', { misuse: true }),
      r(duc, 'ag-11', 'kem'),
      r(duc, 'ag-11', 'kem'),
      r(duc, 'ag-11', 'trung_binh'),
      r(duc, 'ag-11', 'tot', { misuse: true }),
      r(tuan, 'ag-11', 'tot'),
      r(binh, 'ag-01', 'tot'),
    ]);
    // Tuấn moves to Công an tỉnh today (01/12); ratings after the move carry the new agency.
    const moved = await s.app.inject({
      method: 'PATCH',
      url: `/api/v1/officers/${tuan}`,
      headers: auth(s.admin),
      payload: { agencyId: 'ag-16' },
    });
    expect(moved.statusCode).toBe(200);
    const afterMove = (level: string) =>
      rating({ officerId: tuan, agencyId: 'ag-16', level, occurredAt: '2026-12-01T09:00:00+07:00' });
    await send([afterMove('kha'), afterMove('kha')]);

    const report = (await get('2026-11-01', '2026-12-01')).json<PhuLuc2Report>();
    expect(report.levels).toEqual([
      { code: 'tot', label: 'Tốt' },
      { code: 'kha', label: 'Khá' },
      { code: 'trung_binh', label: 'Trung bình' },
      { code: 'kem', label: 'Kém' },
    ]);
    expect(report.rows.map((row) => [row.stt, row.fullName, row.agencyName, ...row.counts])).toEqual([
      [1, 'Lê Thị Thu Hà', 'Sở Công Thương', 0, 0, 0, 0],
      [2, 'Ánh Thị Nguyệt', 'Sở Công Thương', 0, 0, 0, 0],
      [3, 'Bình Văn Minh', 'Sở Công Thương', 1, 0, 0, 0],
      [4, 'Nguyễn Thị Hồng Nhung', 'Sở Tư pháp', 3, 1, 0, 0],
      [5, 'Trần Văn Đức', 'Sở Tư pháp', 0, 0, 1, 2],
      [6, 'Hoàng Minh Tuấn', 'Sở Tư pháp', 1, 0, 0, 0],
      [7, 'Hoàng Minh Tuấn', 'Công an tỉnh', 0, 2, 0, 0],
    ]);
    expect(report.rows.map((row) => row.officerId)).toEqual([ha, anh, binh, nhung, duc, tuan, tuan]);
    expect(report.totals).toEqual([5, 3, 1, 2]);
    expect(report.misuseExcluded).toBe(3);
    expect(report.misuseLine).toBe(
      'Có 3 lượt bấm bị đánh dấu nghi vấn (bấm liên tiếp trong thời gian ngắn) không được tính vào biểu.',
    );
    expect(report.generatedAt).toBe('2026-12-01T10:00:00.000+07:00');

    const officers = (await s.app.inject({ url: '/api/v1/officers', headers: auth(s.admin) })).json<
      { fullName: string; agencyName: string; active: boolean }[]
    >();
    expect(officers.find((o) => o.fullName === 'Hoàng Minh Tuấn')).toMatchObject({
      agencyName: 'Công an tỉnh',
      active: true,
    });
  });

  it('answers bad dates with 400 and a Vietnamese reason', async () => {
    for (const [from, to] of [
      ['2026-02-30', '2026-03-01'],
      ['01/11/2026', '2026-11-30'],
      ['2026-11-30', '2026-11-01'],
      ['', '2026-11-01'],
    ]) {
      const res = await get(from!, to!);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/[Nn]gày/);
    }
    const format = await get('2026-11-01', '2026-11-30', 'xml');
    expect(format.statusCode).toBe(400);
    const noQuery = await s.app.inject({ url: '/api/v1/reports/phu-luc-2', headers: auth(s.admin) });
    expect(noQuery.statusCode).toBe(400);
  });

  it('serves the file formats with their content types', async () => {
    await addOfficer(s.app, s.admin, { fullName: 'Lê Thị Thu Hà', agencyId: 'ag-01' });
    const expected: Record<string, string> = {
      csv: 'text/csv',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      pdf: 'application/pdf',
    };
    for (const [format, type] of Object.entries(expected)) {
      const res = await get('2026-11-01', '2026-11-30', format);
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-type'])).toContain(type);
      expect(String(res.headers['content-disposition'])).toContain(`.${format}`);
      expect(res.rawPayload.length).toBeGreaterThan(100);
    }
    const csv = (await get('2026-11-01', '2026-11-30', 'csv')).rawPayload.toString('utf8');
    expect(csv).toContain('Lê Thị Thu Hà');
    expect(csv).toContain('(Từ ngày 01/11/2026 đến 30/11/2026)');
  });
});
