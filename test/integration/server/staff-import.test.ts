import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createUserWithOwnPassword,
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  rating,
  startTestServer,
  sync,
  type TestServer,
} from './support.ts';

const run = promisify(execFile);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const nfd = (text: string) => text.normalize('NFD');

/** A centre's previous Phụ lục 2 as CSV: title rows, the header, the level row, a total row. */
const PREVIOUS_CSV = [
  '\uFEFFBIỂU KẾT QUẢ ĐÁNH GIÁ NỘI BỘ VỀ MỨC ĐỘ HÀI LÒNG',
  '(Từ ngày 01/01/2021 đến 14/6/2021)',
  '',
  `STT;${nfd('Họ và tên')};"${nfd('Cơ quan,  đơn vị')}";Số lượt đánh giá;;;;Ghi chú`,
  ';;;Tốt;Khá;Trung bình;Kém;',
  `1;${nfd('Hoàng  Văn An')};${nfd('sở công thương')};57;0;0;0;`,
  `2;  ${nfd('Đinh Thị Bích')} ;"Sở   Tư pháp";1.204;3;0;1;`,
  `3;${nfd('Triệu Văn Cường')};${nfd('Sở Tư Pháp')};0;0;0;0;`,
  '4;Phạm Văn Dũng;Sở Ngoại vụ;1;0;0;0;',
  ';Tổng cộng;;1.262;3;0;1;',
].join('\r\n');

async function previousXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Phụ lục 2');
  sheet.addRow(['BIỂU KẾT QUẢ ĐÁNH GIÁ NỘI BỘ VỀ MỨC ĐỘ HÀI LÒNG CỦA TỔ CHỨC, CÁ NHÂN ĐỐI VỚI']);
  sheet.addRow(['SỰ PHỤC VỤ CỦA CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC TRUNG TÂM']);
  sheet.addRow(['(Từ ngày 01/01/2021 đến 14/6/2021)']);
  sheet.mergeCells('A1:H1');
  sheet.mergeCells('A2:H2');
  sheet.mergeCells('A3:H3');
  sheet.addRow(['STT', nfd('HỌ VÀ TÊN'), 'Cơ quan, đơn vị ', 'Số lượt đánh giá', '', '', '', 'Ghi chú']);
  sheet.addRow(['', '', '', 'Tốt', 'Khá', 'Trung bình', 'Kém', '']);
  sheet.mergeCells('A4:A5');
  sheet.mergeCells('B4:B5');
  sheet.mergeCells('C4:C5');
  sheet.mergeCells('D4:G4');
  sheet.addRow([1, nfd('Hoàng Văn An'), 'Sở Công Thương', 57, 0, 0, 0, '']);
  sheet.addRow([2, 'Đinh  Thị Bích', nfd('SỞ TƯ PHÁP'), 1204, 3, 0, 1, '']);
  sheet.addRow([3, 'Lò Văn Mới', 'Sở Y tế', 0, 0, 0, 0, '']);
  sheet.addRow([4, 'Phạm Văn Dũng', 'Ban Quản lý khu kinh tế', 1, 0, 0, 0, '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface ImportResult {
  dryRun: boolean;
  headerRow: number;
  created: number;
  updated: number;
  unchanged: number;
  unknownAgencies: { row: number; name: string }[];
  skipped: { row: number; reason: string }[];
}
type Officer = { id: string; fullName: string; agencyId: string; agencyName: string; order: number };

describe.each(BACKENDS)('staff import on %s', (backend) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(backend);
  });
  afterEach(async () => s.close());

  const upload = (body: Buffer | string, contentType: string, query = '') =>
    s.app.inject({
      method: 'POST',
      url: `/api/v1/staff/import${query}`,
      headers: { ...auth(s.admin), 'content-type': contentType },
      payload: body,
    });
  const officers = async () =>
    (await s.app.inject({ url: '/api/v1/officers', headers: auth(s.admin) })).json<Officer[]>();

  it('imports a previous Phụ lục 2 as CSV: NFD, odd spacing and case, unknown agency reported', async () => {
    const preview = await upload(PREVIOUS_CSV, 'text/csv; charset=utf-8', '?dryRun=1');
    expect(preview.statusCode).toBe(200);
    expect(preview.json<ImportResult>()).toMatchObject({ dryRun: true, created: 3 });
    expect(await officers()).toEqual([]);

    const res = await upload(PREVIOUS_CSV, 'text/csv');
    const result = res.json<ImportResult>();
    expect(result).toMatchObject({
      dryRun: false,
      headerRow: 4,
      created: 3,
      updated: 0,
      unchanged: 0,
      unknownAgencies: [{ row: 9, name: 'Sở Ngoại vụ' }],
    });
    expect(result.skipped).toEqual([{ row: 10, reason: 'Thiếu cơ quan, đơn vị của "Tổng cộng".' }]);
    const list = await officers();
    expect(list.map((o) => [o.fullName, o.agencyName, o.order])).toEqual([
      ['Hoàng Văn An', 'Sở Công Thương', 1],
      ['Đinh Thị Bích', 'Sở Tư pháp', 1],
      ['Triệu Văn Cường', 'Sở Tư pháp', 2],
    ]);
    expect(list.every((o) => o.fullName === o.fullName.normalize('NFC'))).toBe(true);
    // The agencies are never invented.
    const agencies = (await s.app.inject({ url: '/api/v1/agencies', headers: auth(s.admin) })).json<unknown[]>();
    expect(agencies).toHaveLength(17);

    const again = (await upload(PREVIOUS_CSV, 'text/csv')).json<ImportResult>();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('imports an XLSX with merged title and header cells, as multipart upload too', async () => {
    await addOfficer(s.app, s.admin, { fullName: 'Đinh Thị  Bích', agencyId: 'ag-11' });
    const xlsx = await previousXlsx();
    const boundary = '----hailong-test';
    const multipart = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="phu-luc-2.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`,
      ),
      xlsx,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await upload(multipart, `multipart/form-data; boundary=${boundary}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<ImportResult>()).toMatchObject({
      headerRow: 4,
      created: 2,
      updated: 1,
      unchanged: 0,
      unknownAgencies: [{ row: 9, name: 'Ban Quản lý khu kinh tế' }],
    });
    const list = await officers();
    expect(list.map((o) => [o.fullName, o.agencyName])).toEqual([
      ['Hoàng Văn An', 'Sở Công Thương'],
      ['Đinh Thị Bích', 'Sở Tư pháp'],
      ['Lò Văn Mới', 'Sở Y tế'],
    ]);
    const raw = (await upload(xlsx, XLSX)).json<ImportResult>();
    expect(raw).toMatchObject({ created: 0, unchanged: 3 });
  });

  it("reads back this server's own Phụ lục 2 XLSX as a staff list", async () => {
    const device = await enrollDevice(s.app, s.admin);
    const a = await addOfficer(s.app, s.admin, { fullName: 'Nguyễn Thị Hồng Nhung', agencyId: 'ag-11' });
    await addOfficer(s.app, s.admin, { fullName: 'Lê Thị Thu Hà', agencyId: 'ag-01' });
    await sync(s.app, device.token, [
      rating({ officerId: a, agencyId: 'ag-11', occurredAt: '2026-11-02T08:00:00+07:00' }),
    ]);
    const file = await s.app.inject({
      url: '/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-30&format=xlsx',
      headers: auth(s.admin),
    });
    expect(file.statusCode).toBe(200);
    const other = await startTestServer(backend);
    try {
      const res = await other.app.inject({
        method: 'POST',
        url: '/api/v1/staff/import',
        headers: { ...auth(other.admin), 'content-type': XLSX },
        payload: file.rawPayload,
      });
      expect(res.json<ImportResult>()).toMatchObject({ created: 2, unknownAgencies: [] });
      const list = (await other.app.inject({ url: '/api/v1/officers', headers: auth(other.admin) })).json<Officer[]>();
      expect(list.map((o) => [o.fullName, o.agencyName])).toEqual([
        ['Lê Thị Thu Hà', 'Sở Công Thương'],
        ['Nguyễn Thị Hồng Nhung', 'Sở Tư pháp'],
      ]);
    } finally {
      await other.close();
    }
  });

  it('refuses a file without the header row, and a supervisor', async () => {
    const res = await upload('Tên,Đơn vị\nA,B\n', 'text/csv');
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(/Không tìm thấy dòng tiêu đề/);
    await createUserWithOwnPassword(s.app, s.admin, {
      username: 'giamsat',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
    });
    const login = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'giamsat', password: 'mat-khau-giam-sat' },
    });
    const forbidden = await s.app.inject({
      method: 'POST',
      url: '/api/v1/staff/import',
      headers: { ...auth(login.json<{ token: string }>().token), 'content-type': 'text/csv' },
      payload: PREVIOUS_CSV,
    });
    expect(forbidden.statusCode).toBe(403);
  });
});

describe('hailong staff import while the server runs on the same SQLite file', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer('sqlite');
  });
  afterEach(async () => s.close());

  it('the running server sees the imported officers at once', async () => {
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const dbFile = s.options.dbFile!;
    const csv = join(dirname(dbFile), 'can-bo.csv');
    writeFileSync(csv, PREVIOUS_CSV);
    const before = await fetch(`${serverUrl(s)}/api/v1/officers`, { headers: auth(s.admin) });
    expect(await before.json()).toEqual([]);
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'cli/index.ts', 'staff', 'import', csv, '--db', dbFile],
      {
        cwd: join(import.meta.dirname, '../../..'),
      },
    ).catch((error: unknown) => ({ stdout: (error as { stdout: string }).stdout }));
    expect(stdout).toContain('Thêm mới: 3');
    expect(stdout).toContain('Dòng 9: không có cơ quan, đơn vị "Sở Ngoại vụ"');
    const after = await fetch(`${serverUrl(s)}/api/v1/officers`, { headers: auth(s.admin) });
    expect(((await after.json()) as Officer[]).map((o) => o.fullName)).toEqual([
      'Hoàng Văn An',
      'Đinh Thị Bích',
      'Triệu Văn Cường',
    ]);
  });
});

function serverUrl(s: TestServer): string {
  const address = s.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}`;
}
