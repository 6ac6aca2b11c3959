import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { coveragePercent, formatMinutesSeconds, formatPercentVi } from '../../../shared/domain/coverage-report.ts';
import { COVERAGE_FORMATS, exportCoverage } from '../../../server/reports/export/index.ts';
import { fixtureCoverage } from '../../fixtures/reports/phu-luc-2-fixture.ts';
import { parseCsv } from './read-back.ts';

/** exceljs reads a cell with a time format back as a Date from Excel's 1899-12-30 epoch. */
function seconds(value: ExcelJS.CellValue): number {
  if (value instanceof Date) return (value.getTime() - Date.UTC(1899, 11, 30)) / 1000;
  return Number(value) * 86_400;
}

const HEADER = [
  'STT',
  'Họ và tên',
  'Cơ quan, đơn vị',
  'Số phiếu đã phục vụ',
  'Số lượt đánh giá',
  'Đánh giá theo phiếu',
  'Đánh giá không theo phiếu',
  'Tỷ lệ đánh giá (%)',
  'Thời gian chờ trung bình (phút:giây)',
  'Thời gian phục vụ trung bình (phút:giây)',
];

describe('coverage report helpers', () => {
  it('computes coverage from ticket ratings and formats times as mm:ss', () => {
    expect(coveragePercent(3, 12)).toBe(25);
    expect(coveragePercent(0, 0)).toBeNull();
    expect(formatMinutesSeconds(125.4)).toBe('02:05');
    expect(formatMinutesSeconds(3725)).toBe('62:05');
    expect(formatMinutesSeconds(null)).toBe('');
    expect(formatPercentVi(45.26)).toBe('45,3');
    expect(formatPercentVi(null)).toBe('');
  });
});

describe('exportCoverage', () => {
  it('names the file by the period', async () => {
    expect(COVERAGE_FORMATS).toEqual(['json', 'csv', 'xlsx']);
    const file = await exportCoverage(fixtureCoverage(), 'xlsx');
    expect(file.fileName).toBe('ty-le-danh-gia_2021-01-01_2021-06-14.xlsx');
    const json = await exportCoverage(fixtureCoverage(), 'json');
    expect(JSON.parse(json.body.toString('utf8'))).toEqual(fixtureCoverage());
  });

  it('CSV has the Vietnamese headers and every row, times as mm:ss, blanks where nothing was measured', async () => {
    const report = fixtureCoverage();
    const { body } = await exportCoverage(report, 'csv');
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(body.toString('utf8').slice(1));
    expect(rows[1]).toEqual([report.periodLine]);
    expect(rows[2]).toEqual(HEADER);
    expect(rows.slice(3)).toEqual(
      report.rows.map((row) => [
        String(row.stt),
        row.fullName,
        row.agencyName,
        String(row.ticketsServed),
        String(row.ratingsReceived),
        String(row.ticketRatings),
        String(row.walkUpRatings),
        row.coveragePercent === null ? '' : row.coveragePercent.toFixed(1),
        formatMinutesSeconds(row.averageWaitSeconds),
        formatMinutesSeconds(row.averageServiceSeconds),
      ]),
    );
    const idle = rows.find((cells) => cells[3] === '0')!;
    expect(idle.slice(7)).toEqual(['', '', '']);
    expect(rows[3]!.slice(8)).toEqual(['01:35', '07:00']);
  });

  it('XLSX keeps real numbers: counts with a dot format, percentages, durations shown as mm:ss', async () => {
    const report = fixtureCoverage();
    const file = await exportCoverage(report, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    // exceljs drops the backslashes when reading; the file itself must keep the literal dots.
    const zip = await JSZip.loadAsync(file.body);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).toContain('formatCode="[&gt;=1000000]#\\.###\\.##0;[&gt;=1000]#\\.##0;0"');
    expect(sheet.getCell('A2').value).toBe(report.periodLine);
    expect(sheet.getRow(4).values).toEqual([undefined, ...HEADER]);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.paperSize).toBe(9);
    report.rows.forEach((data, index) => {
      const row = sheet.getRow(5 + index);
      expect(row.getCell(1).value).toBe(data.stt);
      expect(row.getCell(2).value).toBe(data.fullName);
      expect(row.getCell(4).value).toBe(data.ticketsServed);
      expect(row.getCell(5).value).toBe(data.ratingsReceived);
      expect(row.getCell(4).numFmt).toMatch(/^\[>=1000000\]/);
      const percent = row.getCell(8).value;
      if (data.coveragePercent === null) expect(percent).toBeNull();
      else expect(percent).toBeCloseTo(data.coveragePercent, 1);
      const wait = row.getCell(9).value;
      if (data.averageWaitSeconds === null) expect(wait).toBeNull();
      else expect(Math.round(seconds(wait))).toBe(Math.round(data.averageWaitSeconds));
      expect(row.getCell(9).numFmt).toBe('[mm]:ss');
      expect(row.getCell(2).font.name).toBe('Times New Roman');
    });
  });
});
