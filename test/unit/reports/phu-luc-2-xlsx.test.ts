import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { PHU_LUC_2_TITLE, type PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { formatCount } from '../../../shared/domain/text.ts';
import { exportPhuLuc2 } from '../../../server/reports/export/index.ts';
import { fixtureReport } from '../../fixtures/reports/phu-luc-2-fixture.ts';
import { expectedPrintedRows } from './read-back.ts';

async function openSheet(report: PhuLuc2Report): Promise<ExcelJS.Worksheet> {
  const file = await exportPhuLuc2(report, 'xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.body as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0]!;
}

/** The value as the cell shows it; only plain strings and numbers are expected here. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new Error(`Ô có kiểu không mong đợi: ${JSON.stringify(value)}`);
}

const letter = (column: number): string => String.fromCharCode(64 + column);

describe('Phụ lục 2 as XLSX', () => {
  it('carries the bold centred title lines and the period line', async () => {
    const report = fixtureReport();
    const sheet = await openSheet(report);
    expect(sheet.getCell('A1').value).toBe(PHU_LUC_2_TITLE[0]);
    expect(sheet.getCell('A2').value).toBe(PHU_LUC_2_TITLE[1]);
    expect(sheet.getCell('A3').value).toBe('(Từ ngày 01/01/2021 đến 14/06/2021)');
    for (const address of ['A1', 'A2']) {
      expect(sheet.getCell(address).font).toMatchObject({ name: 'Times New Roman', size: 13, bold: true });
      expect(sheet.getCell(address).alignment.horizontal).toBe('center');
    }
    expect(sheet.getCell('A3').alignment.horizontal).toBe('center');
    expect(sheet.getCell('A3').font.bold).toBeFalsy();
  });

  it('merges the header cells as the paper form does', async () => {
    const sheet = await openSheet(fixtureReport());
    const merges = sheet.model.merges;
    for (const range of ['A1:H1', 'A2:H2', 'A3:H3', 'A5:A6', 'B5:B6', 'C5:C6', 'D5:G5', 'H5:H6']) {
      expect(merges).toContain(range);
    }
    expect(sheet.getCell('A5').value).toBe('STT');
    expect(sheet.getCell('A6').isMerged && sheet.getCell('A6').master.address).toBe('A5');
    expect(sheet.getCell('B5').value).toBe('Họ và tên');
    expect(sheet.getCell('C5').value).toBe('Cơ quan, đơn vị');
    expect(sheet.getCell('D5').value).toBe('Số lượt đánh giá');
    expect(sheet.getCell('G5').master.address).toBe('D5');
    expect(sheet.getCell('H5').value).toBe('Ghi chú');
    expect(['D6', 'E6', 'F6', 'G6'].map((address) => sheet.getCell(address).value)).toEqual([
      'Tốt',
      'Khá',
      'Trung bình',
      'Kém',
    ]);
    expect(sheet.getCell('D5').font).toMatchObject({ bold: true, name: 'Times New Roman' });
    expect(sheet.getCell('D6').border.bottom?.style).toBe('thin');
  });

  it('matches the model cell by cell, counts shown with a dot separator', async () => {
    const report = fixtureReport();
    const sheet = await openSheet(report);
    const expected = expectedPrintedRows(report);
    expected.forEach((cells, rowIndex) => {
      const row = sheet.getRow(7 + rowIndex);
      const actual = cells.map((_text, column) => cellText(row.getCell(column + 1).value));
      expect(actual).toEqual(cells);
      expect(row.getCell(1).value).toBe(report.rows[rowIndex]!.stt);
      expect(row.getCell(2).font.name).toBe('Times New Roman');
      expect(row.getCell(4).alignment.horizontal).toBe('right');
      expect(row.getCell(3).alignment.wrapText).toBe(true);
    });
    const bich = expected.findIndex((cells) => cells[1] === 'Đinh Thị Bích');
    expect(sheet.getRow(7 + bich).getCell(4).value).toBe('1.204');
    const totals = sheet.getRow(7 + expected.length);
    expect(totals.getCell(1).value).toBe('Tổng cộng');
    expect(sheet.model.merges).toContain(`A${totals.number}:C${totals.number}`);
    expect([4, 5, 6, 7].map((column) => totals.getCell(column).value)).toEqual(report.totals.map(formatCount));
    expect(totals.getCell(4).value).toBe('1.746');
  });

  it('puts the misuse line under the table', async () => {
    const report = fixtureReport();
    const sheet = await openSheet(report);
    const texts: string[] = [];
    sheet.eachRow((row) => {
      const value = row.getCell(1).value;
      if (typeof value === 'string') texts.push(value);
    });
    const totalsAt = texts.indexOf('Tổng cộng');
    expect(texts.indexOf(report.misuseLine)).toBeGreaterThan(totalsAt);
    expect(texts).toContain('Lập lúc 15/06/2021 08:30');
  });

  it('prints on A4 landscape, one page wide, header rows repeated', async () => {
    const sheet = await openSheet(fixtureReport({ officers: 70 }));
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.fitToPage).toBe(true);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.printTitlesRow).toBe('5:6');
    expect(sheet.headerFooter.oddFooter).toContain('Trang &P/&N');
  });

  it.each([21, 70])(
    'with %i officers breaks pages itself so the last officer, totals and notes share a page',
    async (officers) => {
      const file = await exportPhuLuc2(fixtureReport({ officers }), 'xlsx');
      const zip = await JSZip.loadAsync(file.body);
      const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
      const breaks = [...xml.matchAll(/<brk id="(\d+)" max="(\d+)" man="1"\/>/g)].map((match) => ({
        after: Number(match[1]),
        max: Number(match[2]),
      }));
      const lastDataRow = 7 + officers - 1;
      expect(breaks.length).toBeGreaterThanOrEqual(officers > 40 ? 2 : 1);
      expect(Math.max(...breaks.map((brk) => brk.after))).toBeLessThan(lastDataRow);
      // 16383 is the last column Excel accepts in a break.
      expect(breaks.every((brk) => brk.max === 16383)).toBe(true);
    },
  );

  it.each([3, 5] as const)('gives a %i-level scale as many level columns', async (levels) => {
    const report = fixtureReport({ levels });
    const sheet = await openSheet(report);
    const last = letter(4 + levels);
    expect(sheet.model.merges).toContain(`D5:${letter(3 + levels)}5`);
    expect(sheet.model.merges).toContain(`${last}5:${last}6`);
    expect(sheet.getCell(`${last}5`).value).toBe('Ghi chú');
    const labels = Array.from({ length: levels }, (_unused, index) => sheet.getCell(`${letter(4 + index)}6`).value);
    expect(labels).toEqual(report.levels.map((level) => level.label));
    expectedPrintedRows(report).forEach((cells, rowIndex) => {
      const row = sheet.getRow(7 + rowIndex);
      expect(cells.map((_text, column) => cellText(row.getCell(column + 1).value))).toEqual(cells);
    });
  });
});
