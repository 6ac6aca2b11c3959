import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vietnamDay } from '../../../shared/domain/vietnam-time.ts';
import { csvField } from '../../../server/reports/export/csv.ts';
import { addOfficer, auth, startTestServer, type TestServer } from './support.ts';

const HOSTILE = ['=HYPERLINK("http://evil.example","Bấm vào đây")', '+84 912 345 678', '-2+3', '@SUM(1+1)'];

describe('spreadsheet formula injection', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer('sqlite', { demo: true });
    for (const fullName of HOSTILE) await addOfficer(s.app, s.admin, { fullName, agencyId: 'ag-11' });
  });
  afterEach(async () => s.close());

  const day = vietnamDay(new Date());
  const download = (report: string, format: string) =>
    s.app.inject({ url: `/api/v1/reports/${report}?from=${day}&to=${day}&format=${format}`, headers: auth(s.admin) });

  it.each(['phu-luc-2', 'coverage'])(
    'writes formula-like names in the %s CSV as text, with an apostrophe',
    async (report) => {
      const res = await download(report, 'csv');
      expect(res.statusCode).toBe(200);
      const text = res.body;
      for (const name of HOSTILE) expect(text).toContain(csvField(name));
      expect(csvField(HOSTILE[0]!)).toBe(`"'=HYPERLINK(""http://evil.example"",""Bấm vào đây"")"`);
      expect(csvField('@SUM(1+1)')).toBe("'@SUM(1+1)");
      // No field of any line starts a formula: not bare, not inside quotes.
      for (const line of text.replace(/^\uFEFF/, '').split('\r\n')) {
        expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
      }
    },
  );

  it('leaves ordinary text and numbers as they are', () => {
    expect(csvField('Nguyễn Văn A')).toBe('Nguyễn Văn A');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('Cơ quan, đơn vị')).toBe('"Cơ quan, đơn vị"');
  });

  it.each(['phu-luc-2', 'coverage'])('stores them in the %s XLSX as text cells, never formulas', async (report) => {
    const res = await download(report, 'xlsx');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const found = new Map<string, ExcelJS.Cell>();
    workbook.worksheets[0]!.eachRow((row) =>
      row.eachCell((cell) => {
        // The only formulas are the exporter's own SUM totals of count columns (issue 10), never a name.
        if (cell.type === ExcelJS.ValueType.Formula) {
          const label = row.getCell(1).value;
          if (label !== 'Tổng cộng' || !/^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/.test(cell.formula)) {
            throw new Error(`formula at ${cell.address}: ${cell.formula}`);
          }
        }
        if (typeof cell.value === 'string' && HOSTILE.includes(cell.value)) found.set(cell.value, cell);
      }),
    );
    expect([...found.keys()].sort()).toEqual([...HOSTILE].sort());
    for (const cell of found.values()) expect(cell.type).toBe(ExcelJS.ValueType.String);
  });
});
