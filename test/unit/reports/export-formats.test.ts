import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { REPORT_FORMATS, exportPhuLuc2, isReportFormat } from '../../../server/reports/export/index.ts';
import { fixtureReport } from '../../fixtures/reports/phu-luc-2-fixture.ts';
import { parseCsv, readDocx, readPdf } from './read-back.ts';

/** The same report with every Vietnamese string decomposed (NFD), as a Mac keyboard may send it. */
function decomposed(report: PhuLuc2Report): PhuLuc2Report {
  return {
    ...report,
    periodLine: report.periodLine.normalize('NFD'),
    misuseLine: report.misuseLine.normalize('NFD'),
    levels: report.levels.map((level) => ({ ...level, label: level.label.normalize('NFD') })),
    rows: report.rows.map((row) => ({
      ...row,
      fullName: row.fullName.normalize('NFD'),
      agencyName: row.agencyName.normalize('NFD'),
      note: row.note.normalize('NFD'),
    })),
  };
}

describe('exportPhuLuc2', () => {
  it('offers every format a centre files, named by the period', { timeout: 20_000 }, async () => {
    expect(REPORT_FORMATS).toEqual(['json', 'csv', 'xlsx', 'docx', 'pdf']);
    expect(isReportFormat('xlsx')).toBe(true);
    expect(isReportFormat('xls')).toBe(false);
    const types: Record<string, string> = {};
    for (const format of REPORT_FORMATS) {
      const file = await exportPhuLuc2(fixtureReport(), format);
      expect(file.fileName).toBe(`phu-luc-2_2021-01-01_2021-06-14.${format}`);
      expect(file.body.length).toBeGreaterThan(100);
      types[format] = file.contentType;
    }
    expect(types).toEqual({
      json: 'application/json; charset=utf-8',
      csv: 'text/csv; charset=utf-8',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      pdf: 'application/pdf',
    });
  });

  it('renders a period with no officers as the header and a zero totals row', async () => {
    const empty: PhuLuc2Report = { ...fixtureReport(), rows: [], totals: [0, 0, 0, 0] };
    const csv = parseCsv((await exportPhuLuc2(empty, 'csv')).body.toString('utf8').slice(1));
    expect(csv[4]).toEqual(['Tổng cộng', '', '', '0', '0', '0', '0', '']);
    const docx = await readDocx((await exportPhuLuc2(empty, 'docx')).body);
    expect(docx.tables[0]).toHaveLength(3);
    const pdf = await readPdf((await exportPhuLuc2(empty, 'pdf')).body);
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]!.text).toContain('Tổng cộng 0 0 0 0');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportPhuLuc2(empty, 'xlsx')).body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]!.getCell('A10').value).toBe('Tổng cộng');
  });

  it('JSON is the report model itself', async () => {
    const report = fixtureReport();
    const file = await exportPhuLuc2(report, 'json');
    expect(JSON.parse(file.body.toString('utf8'))).toEqual(report);
  });

  it('writes Vietnamese in NFC in every format, even from decomposed input', async () => {
    const nfd = decomposed(fixtureReport());
    const name = 'Đinh Thị Bích';
    expect(nfd.rows[11]!.fullName).not.toBe(name);

    const json = (await exportPhuLuc2(nfd, 'json')).body.toString('utf8');
    expect(json).toContain(name);
    expect(json).toBe(json.normalize('NFC'));

    const csv = (await exportPhuLuc2(nfd, 'csv')).body.toString('utf8');
    expect(csv).toBe(csv.normalize('NFC'));
    expect(parseCsv(csv.slice(1))[15]?.[1]).toBe(name);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportPhuLuc2(nfd, 'xlsx')).body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('B21').value).toBe(name);
    expect(sheet.getCell('F9').value).toBe('Trung bình');

    const docx = await readDocx((await exportPhuLuc2(nfd, 'docx')).body);
    expect(docx.tables[0]![13]!.cells[1]!.text).toBe(name);
    expect(docx.documentXml).toBe(docx.documentXml.normalize('NFC'));

    const pdf = await readPdf((await exportPhuLuc2(nfd, 'pdf')).body);
    const text = pdf.pages.map((page) => page.text).join(' ');
    expect(text).toContain(`12 ${name} Sở Tư pháp 1.204`);
  });
});
