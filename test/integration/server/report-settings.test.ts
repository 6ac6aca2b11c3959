import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import type { ReportFraming } from '../../../shared/domain/report-framing.ts';
import { parseCsv, readDocx, readPdf } from '../../unit/reports/read-back.ts';
import {
  createUserWithOwnPassword,
  BACKENDS,
  addOfficer,
  auth,
  login,
  startTestServer,
  type TestServer,
} from './support.ts';

const FRAMING: ReportFraming = {
  annexLabel: 'Phụ lục 2',
  annexAlign: 'center',
  issuingBody: 'UBND tỉnh Bắc Kạn',
  place: 'Bắc Kạn',
  preparerTitle: 'NGƯỜI LẬP BIỂU',
  preparerName: 'Nông Thị Hạnh',
  approverTitle: 'GIÁM ĐỐC',
  approverName: 'Hà Văn Quang',
};

describe.each(BACKENDS)('Phụ lục 2 settings a supervisor edits, on %s', (backend) => {
  let s: TestServer;
  let supervisor: string;
  beforeEach(async () => {
    s = await startTestServer(backend, { now: () => new Date('2026-12-01T03:00:00.000Z') });
    await createUserWithOwnPassword(s.app, s.admin, {
      username: 'giamsat',
      password: 'mat-khau-giam-sat',
      role: 'supervisor',
    });
    supervisor = await login(s.app, 'giamsat', 'mat-khau-giam-sat');
  });
  afterEach(async () => s.close());

  const report = (format: string, extra = '') =>
    s.app.inject({
      url: `/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-30&format=${format}${extra}`,
      headers: auth(supervisor),
    });

  it('saves the framing and the per-period note, and every export shows them', async () => {
    const officerId = await addOfficer(s.app, s.admin, { fullName: 'Lò Thị Mai', agencyId: 'ag-01' });
    const put = await s.app.inject({
      method: 'PUT',
      url: '/api/v1/reports/framing',
      headers: auth(supervisor),
      payload: FRAMING,
    });
    expect(put.statusCode).toBe(200);
    expect((await s.app.inject({ url: '/api/v1/reports/framing', headers: auth(supervisor) })).json()).toEqual(FRAMING);

    const note = await s.app.inject({
      method: 'PUT',
      url: '/api/v1/reports/phu-luc-2/notes',
      headers: auth(supervisor),
      payload: { from: '2026-11-01', to: '2026-11-30', officerId, agencyId: 'ag-01', note: 'Nghỉ phép từ 10/11/2026' },
    });
    expect(note.statusCode).toBe(200);

    const json = report('json');
    const model = (await json).json<PhuLuc2Report>();
    expect(model.framing).toEqual(FRAMING);
    expect(model.rows.find((row) => row.officerId === officerId)?.note).toBe('Nghỉ phép từ 10/11/2026');

    // The note belongs to that period only.
    const other = await s.app.inject({
      url: '/api/v1/reports/phu-luc-2?from=2026-11-01&to=2026-11-29&format=json',
      headers: auth(supervisor),
    });
    expect(other.json<PhuLuc2Report>().rows.find((row) => row.officerId === officerId)?.note).toBe('');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await report('xlsx')).rawPayload as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') texts.push(cell.value);
      }),
    );
    expect(texts).toEqual(
      expect.arrayContaining([
        'UBND TỈNH BẮC KẠN',
        'Phụ lục 2',
        'Nghỉ phép từ 10/11/2026',
        'Bắc Kạn, ngày 01 tháng 12 năm 2026',
        'Nông Thị Hạnh',
        'Hà Văn Quang',
      ]),
    );

    const docx = await readDocx((await report('docx')).rawPayload);
    expect(docx.paragraphs).toContain('Phụ lục 2');
    expect(docx.tables[0]!.some((row) => row.cells.some((cell) => cell.text === 'Nghỉ phép từ 10/11/2026'))).toBe(true);
    const pdf = await readPdf((await report('pdf')).rawPayload);
    const text = pdf.pages.map((page) => page.text).join(' ');
    for (const needle of [
      'Phụ lục 2',
      'Nghỉ phép từ 10/11/2026',
      'Bắc Kạn, ngày 01 tháng 12 năm 2026',
      'Hà Văn Quang',
    ]) {
      expect(text).toContain(needle);
    }

    // Clearing the note.
    await s.app.inject({
      method: 'PUT',
      url: '/api/v1/reports/phu-luc-2/notes',
      headers: auth(supervisor),
      payload: { from: '2026-11-01', to: '2026-11-30', officerId, agencyId: 'ag-01', note: '  ' },
    });
    expect((await report('json')).json<PhuLuc2Report>().rows.find((row) => row.officerId === officerId)?.note).toBe('');
  });

  it('refuses bad framing and notes with a Vietnamese message and changes nothing', async () => {
    const officerId = await addOfficer(s.app, s.admin, { fullName: 'Lò Thị Mai', agencyId: 'ag-01' });
    const bad = await s.app.inject({
      method: 'PUT',
      url: '/api/v1/reports/framing',
      headers: auth(supervisor),
      payload: { ...FRAMING, annexAlign: 'left', approverTitle: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/Vị trí nhãn phụ lục|Không được để trống/);
    const framing = (
      await s.app.inject({ url: '/api/v1/reports/framing', headers: auth(supervisor) })
    ).json<ReportFraming>();
    expect(framing).toMatchObject({ annexAlign: 'right', approverTitle: 'GIÁM ĐỐC' });

    const cases = [
      { officerId: 'khong-co', agencyId: 'ag-01', note: 'x', status: 404, message: 'Không có cán bộ này' },
      { officerId, agencyId: 'khong-co', note: 'x', status: 404, message: 'Không có cơ quan' },
      { officerId, agencyId: 'ag-01', note: 'x'.repeat(301), status: 400, message: 'tối đa 300' },
      { officerId: '../../etc', agencyId: 'ag-01', note: 'x', status: 400, message: 'Mã không hợp lệ' },
    ];
    for (const { status, message, ...payload } of cases) {
      const res = await s.app.inject({
        method: 'PUT',
        url: '/api/v1/reports/phu-luc-2/notes',
        headers: auth(supervisor),
        payload: { from: '2026-11-01', to: '2026-11-30', ...payload },
      });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(status);
      expect(res.body).toContain(message);
    }
    const reversed = await s.app.inject({
      method: 'PUT',
      url: '/api/v1/reports/phu-luc-2/notes',
      headers: auth(supervisor),
      payload: { from: '2026-11-30', to: '2026-11-01', officerId, agencyId: 'ag-01', note: 'x' },
    });
    expect(reversed.statusCode).toBe(400);
    expect((await report('json')).json<PhuLuc2Report>().rows.every((row) => row.note === '')).toBe(true);
  });

  it('writes CSV with ; for Excel when asked and , for machines by default', async () => {
    await addOfficer(s.app, s.admin, { fullName: 'Lò Thị Mai', agencyId: 'ag-01' });
    const machine = (await report('csv')).body.slice(1);
    const excel = (await report('csv', '&delimiter=semicolon')).body.slice(1);
    const header = 'STT,Họ và tên,"Cơ quan, đơn vị"';
    expect(machine).toContain(header);
    expect(excel).toContain('STT;Họ và tên;"Cơ quan, đơn vị";Số lượt đánh giá - Tốt');
    const rows = parseCsv(excel, ';');
    expect(rows.find((row) => row[1] === 'Lò Thị Mai')).toEqual([
      '1',
      'Lò Thị Mai',
      'Sở Công Thương',
      '0',
      '0',
      '0',
      '0',
      '',
    ]);
    const wrong = await report('csv', '&delimiter=tab');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Dấu phân cách CSV');
  });
});
