import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { NationalReport } from '../../../shared/domain/national-scale.ts';
import { BACKENDS, addOfficer, auth, enrollDevice, rating, startTestServer, sync, type TestServer } from './support.ts';

const PERIOD = 'from=2026-11-01&to=2026-11-30';

describe.each(BACKENDS)('national three-level report on %s', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('counts three levels, the satisfied share and the index for a scripted set of ratings', async () => {
    server = await startTestServer(backend);
    const { app, admin } = server;
    // Provisioned without demo data: three officers in two agencies.
    const an = await addOfficer(app, admin, { fullName: 'Nguyễn Văn An', agencyId: 'ag-11' });
    const binh = await addOfficer(app, admin, { fullName: 'Trần Thị Bình', agencyId: 'ag-11' });
    const cuong = await addOfficer(app, admin, { fullName: 'Lê Văn Cường', agencyId: 'ag-02' });
    const kiosk = await enrollDevice(app, admin);
    const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T09:00:00.000+07:00`;
    const script: [string, string, string, number, boolean?][] = [
      // An: 3 Tốt, 1 Khá, 1 Kém (+ a misuse Kém left out) → 3/1/1, share 80 %, index (300+67+0)/5 = 73.4
      [an, 'ag-11', 'tot', 3],
      [an, 'ag-11', 'kha', 1],
      [an, 'ag-11', 'kem', 1],
      [an, 'ag-11', 'kem', 1, true],
      // Bình: 2 Trung bình → 0/0/2, share 0 %, index 33
      [binh, 'ag-11', 'trung_binh', 2],
      // Cường: 4 Khá → 0/4/0, share 100 %, index 67
      [cuong, 'ag-02', 'kha', 4],
    ];
    const events = script.flatMap(([officerId, agencyId, level, n, misuse], i) =>
      Array.from({ length: n }, (_, j) =>
        rating({ officerId, agencyId, level, occurredAt: at(1 + ((i + j) % 28)), ...(misuse ? { misuse } : {}) }),
      ),
    );
    expect((await sync(app, kiosk.token, events)).statusCode).toBe(200);

    const res = await app.inject({ url: `/api/v1/reports/national-scale?${PERIOD}`, headers: auth(admin) });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<NationalReport>();
    const line = (r: NationalReport['centre']) => [
      r.counts.rat_hai_long,
      r.counts.hai_long,
      r.counts.khong_hai_long,
      r.total,
      r.satisfiedPercent === null ? null : Math.round(r.satisfiedPercent * 10) / 10,
      r.index === null ? null : Math.round(r.index * 10) / 10,
    ];
    const rows = Object.fromEntries(report.rows.map((r) => [r.fullName, line(r)]));
    expect(rows['Nguyễn Văn An']).toEqual([3, 1, 1, 5, 80, 73.4]);
    expect(rows['Trần Thị Bình']).toEqual([0, 0, 2, 2, 0, 33]);
    expect(rows['Lê Văn Cường']).toEqual([0, 4, 0, 4, 100, 67]);
    expect(Object.fromEntries(report.agencies.map((a) => [a.agencyName, line(a)]))).toEqual({
      'Sở Giao thông vận tải': [0, 4, 0, 4, 100, 67],
      'Sở Tư pháp': [3, 1, 3, 7, 57.1, 61.9],
    });
    // Centre: 3 Tốt, 5 Khá, 2 TB, 1 Kém → (300 + 335 + 66) / 11 = 63.7
    expect(line(report.centre)).toEqual([3, 5, 3, 11, 72.7, 63.7]);
    expect(report.misuseExcluded).toBe(1);
    expect(report.mapping.map((m) => [m.code, m.national, m.weight])).toEqual([
      ['tot', 'rat_hai_long', 100],
      ['kha', 'hai_long', 67],
      ['trung_binh', 'khong_hai_long', 33],
      ['kem', 'khong_hai_long', 0],
    ]);

    // CSV and XLSX carry the same numbers.
    const csv = await app.inject({ url: `/api/v1/reports/national-scale?${PERIOD}&format=csv`, headers: auth(admin) });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Nguyễn Văn An,Sở Tư pháp,3,1,1,5,80.0,73.4');
    expect(csv.body).toContain(',Toàn Trung tâm,,3,5,3,11,72.7,63.7');
    const xlsx = await app.inject({
      url: `/api/v1/reports/national-scale?${PERIOD}&format=xlsx`,
      headers: auth(admin),
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const found: unknown[][] = [];
    sheet.eachRow((row) => {
      if (row.getCell(2).value === 'Nguyễn Văn An') found.push([4, 5, 6, 7, 8, 9].map((c) => row.getCell(c).value));
    });
    expect(found).toEqual([[3, 1, 1, 5, 80, 73.4]]);

    // The centre maps Trung bình to Hài lòng: the share changes, the index does not.
    const unknown = await app.inject({
      method: 'PUT',
      url: '/api/v1/console/national-scale',
      headers: auth(admin),
      payload: { xuat_sac: 'rat_hai_long' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Không có mức đánh giá xuat_sac');
    const mapped = await app.inject({
      method: 'PUT',
      url: '/api/v1/console/national-scale',
      headers: auth(admin),
      payload: { trung_binh: 'hai_long' },
    });
    expect(mapped.statusCode, mapped.body).toBe(200);
    const after = (
      await app.inject({ url: `/api/v1/reports/national-scale?${PERIOD}`, headers: auth(admin) })
    ).json<NationalReport>();
    const binhAfter = after.rows.find((r) => r.fullName === 'Trần Thị Bình')!;
    expect(line(binhAfter)).toEqual([0, 2, 0, 2, 100, 33]);
  });
});
