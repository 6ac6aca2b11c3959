import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { BACKENDS, auth, enrollDevice, firstLogin, rating, startTestServer, sync, type TestServer } from './support.ts';

/** Issue 13 §1: Phụ lục 2 of one centre, and the province's with each centre's STT and subtotal. */
const PERIOD = 'from=2026-11-20&to=2026-11-28';

async function post<T>(app: FastifyInstance, token: string, url: string, payload: object): Promise<T> {
  const res = await app.inject({ method: 'POST', url, headers: auth(token), payload });
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.body}`);
  return res.json<T>();
}

describe.each(BACKENDS)('Phụ lục 2 per centre and for the province on %s', (backend) => {
  let s: TestServer;
  let officers: Record<string, string>;
  beforeEach(async () => {
    s = await startTestServer(backend, { now: () => new Date('2026-11-28T08:00:00.000Z') });
    const b = await post<{ id: number }>(s.app, s.admin, '/api/v1/centres', {
      code: 'XA01',
      name: 'Bộ phận một cửa xã Yên Thịnh',
    });
    const add = (fullName: string, agencyId: string, centreId?: number) =>
      post<{ id: string }>(s.app, s.admin, '/api/v1/officers', {
        fullName,
        agencyId,
        ...(centreId ? { centreId } : {}),
      });
    officers = {
      an: (await add('Nguyễn Văn An', 'ag-01')).id,
      binh: (await add('Lê Thị Bình', 'ag-02')).id,
      cuong: (await add('Trần Văn Cường', 'ag-01', b.id)).id,
      dung: (await add('Phạm Thị Dung', 'ag-03', b.id)).id,
    };
    const kioskA = (await enrollDevice(s.app, s.admin, 'Kiosk', 1)).token;
    const kioskB = (await enrollDevice(s.app, s.admin, 'Kiosk', b.id)).token;
    const at = (day: number) => `2026-11-${day}T09:00:00.000+07:00`;
    const r = (officer: string, agencyId: string, level: string, day: number) =>
      rating({ officerId: officers[officer]!, agencyId, level, occurredAt: at(day) });
    const a = await sync(s.app, kioskA, [
      r('an', 'ag-01', 'tot', 21),
      r('an', 'ag-01', 'tot', 22),
      r('an', 'ag-01', 'kem', 23),
      r('binh', 'ag-02', 'kha', 24),
    ]);
    expect(a.statusCode).toBe(200);
    const bSync = await sync(s.app, kioskB, [
      r('cuong', 'ag-01', 'tot', 21),
      r('cuong', 'ag-01', 'trung_binh', 25),
      r('dung', 'ag-03', 'tot', 26),
      r('dung', 'ag-03', 'tot', 27),
      r('dung', 'ag-03', 'kha', 27),
    ]);
    expect(bSync.statusCode).toBe(200);
  });
  afterEach(async () => s.close());

  const report = async (query: string, token = s.admin) => {
    const res = await s.app.inject({ url: `/api/v1/reports/phu-luc-2?${PERIOD}&${query}`, headers: auth(token) });
    return res;
  };
  const cells = (rows: PhuLuc2Report['rows']) =>
    rows.map((row) => [row.stt, row.fullName, row.agencyName, ...row.counts]);

  it('counts one centre’s officers only, with the centre’s name in the title lines', async () => {
    const res = await report('centre=XA01');
    expect(res.statusCode).toBe(200);
    const b = res.json<PhuLuc2Report>();
    expect(b.centreName).toBe('Bộ phận một cửa xã Yên Thịnh');
    expect(b.scopeLine).toBe('Bộ phận một cửa xã Yên Thịnh');
    expect(b.levels.map((l) => l.code)).toEqual(['tot', 'kha', 'trung_binh', 'kem']);
    expect(cells(b.rows)).toEqual([
      [1, 'Trần Văn Cường', 'Sở Công Thương', 1, 0, 1, 0],
      [2, 'Phạm Thị Dung', expect.any(String), 2, 1, 0, 0],
    ]);
    expect(b.totals).toEqual([3, 1, 1, 0]);
    const a = (await report('centre=TT01')).json<PhuLuc2Report>();
    expect(cells(a.rows).map((row) => row.slice(0, 2))).toEqual([
      [1, 'Nguyễn Văn An'],
      [2, 'Lê Thị Bình'],
    ]);
    expect(a.totals).toEqual([2, 1, 0, 1]);
    // The CSV carries the title line with the centre's name and the same cells.
    const csv = (await report('centre=XA01&format=csv')).body.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(csv).toContain('BỘ PHẬN MỘT CỬA XÃ YÊN THỊNH');
    expect(csv).toContain('1,Trần Văn Cường,Sở Công Thương,1,0,1,0,');
    expect(csv.some((line) => line.startsWith('Tổng cộng,,,3,1,1,0'))).toBe(true);
  });

  it('builds the province report: each centre numbered from 1 with its subtotal, then the province total', async () => {
    const res = await report('scope=province');
    expect(res.statusCode).toBe(200);
    const province = res.json<PhuLuc2Report>();
    expect(province.sections!.map((section) => [section.centreCode, cells(section.rows), section.totals])).toEqual([
      [
        'TT01',
        [
          [1, 'Nguyễn Văn An', 'Sở Công Thương', 2, 0, 0, 1],
          [2, 'Lê Thị Bình', expect.any(String), 0, 1, 0, 0],
        ],
        [2, 1, 0, 1],
      ],
      [
        'XA01',
        [
          [1, 'Trần Văn Cường', 'Sở Công Thương', 1, 0, 1, 0],
          [2, 'Phạm Thị Dung', expect.any(String), 2, 1, 0, 0],
        ],
        [3, 1, 1, 0],
      ],
    ]);
    expect(province.totals).toEqual([5, 2, 1, 1]);
    const csv = (await report('scope=province&format=csv')).body.replace(/^\uFEFF/, '').split(/\r?\n/);
    const table = csv.slice(csv.findIndex((line) => line.startsWith('STT')) + 1);
    expect(table.slice(0, 9)).toEqual([
      'I,TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH,,,,,,',
      '1,Nguyễn Văn An,Sở Công Thương,2,0,0,1,',
      expect.stringMatching(/^2,Lê Thị Bình,.*,0,1,0,0,$/),
      ',Cộng Trung tâm Phục vụ hành chính công tỉnh,,2,1,0,1,',
      'II,BỘ PHẬN MỘT CỬA XÃ YÊN THỊNH,,,,,,',
      '1,Trần Văn Cường,Sở Công Thương,1,0,1,0,',
      expect.stringMatching(/^2,Phạm Thị Dung,.*,2,1,0,0,$/),
      ',Cộng Bộ phận một cửa xã Yên Thịnh,,3,1,1,0,',
      'Tổng cộng toàn tỉnh,,,5,2,1,1,',
    ]);
    for (const format of ['xlsx', 'docx', 'pdf']) {
      const file = await report(`scope=province&format=${format}`);
      expect(file.statusCode, format).toBe(200);
      expect(file.rawPayload.length, format).toBeGreaterThan(1000);
    }
  });

  it('keeps a centre’s supervisor to their centre’s report and the province report to the province admin', async () => {
    await post(s.app, s.admin, '/api/v1/users', {
      username: 'giamsat.xa',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
      centreId: 2,
    });
    const token = await firstLogin(s.app, 'giamsat.xa', 'mat-khau-giam-sat');
    const own = (await report('', token)).json<PhuLuc2Report>();
    expect(own.rows.map((row) => row.fullName)).toEqual(['Trần Văn Cường', 'Phạm Thị Dung']);
    expect((await report('centre=TT01', token)).statusCode).toBe(403);
    expect((await report('scope=province', token)).statusCode).toBe(403);
    const unknown = await report('centre=KHONGCO');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { message: string } }>().error.message).toContain('Không có trung tâm mã');
  });

  it('counts a moved officer’s days at the centre where each was worked, once in the province total', async () => {
    // Nguyễn Văn An moves to the commune on the 28th (today); his earlier days stay at TT01.
    const moved = await s.app.inject({
      method: 'PATCH',
      url: `/api/v1/officers/${officers.an}`,
      headers: auth(s.admin),
      payload: { centreId: 2 },
    });
    expect(moved.statusCode).toBe(200);
    const kioskB = (await enrollDevice(s.app, s.admin, 'Kiosk', 2)).token;
    const after = rating({
      officerId: officers.an!,
      agencyId: 'ag-01',
      level: 'kha',
      occurredAt: '2026-11-28T10:00:00.000+07:00',
    });
    expect((await sync(s.app, kioskB, [after])).statusCode).toBe(200);
    const rowOf = (r: PhuLuc2Report, name: string) => r.rows.find((row) => row.fullName === name)?.counts;
    const a = (await report('centre=TT01')).json<PhuLuc2Report>();
    expect(rowOf(a, 'Nguyễn Văn An')).toEqual([2, 0, 0, 1]);
    const b = (await report('centre=XA01')).json<PhuLuc2Report>();
    expect(rowOf(b, 'Nguyễn Văn An')).toEqual([0, 1, 0, 0]);
    expect(b.totals).toEqual([3, 2, 1, 0]);
    const province = (await report('scope=province')).json<PhuLuc2Report>();
    expect(province.sections!.map((section) => section.totals)).toEqual([a.totals, b.totals]);
    expect(province.totals).toEqual([5, 3, 1, 1]);
  });
});
