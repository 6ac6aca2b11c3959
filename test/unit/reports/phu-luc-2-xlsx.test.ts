import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { PHU_LUC_2_TITLE, type PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
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

/**
 * The dot-grouped count format every count cell must carry, whatever the PC's locale. In the
 * file the dots are escaped literals (#\\.##0); exceljs drops the backslashes when it reads.
 */
const DOTTED_IN_FILE = '[&gt;=1000000]#\\.###\\.##0;[&gt;=1000]#\\.##0;0';
const DOTTED = '[>=1000000]#.###.##0;[>=1000]#.##0;0';

/**
 * What the cell shows: text as is; a number through its format, applied here independently of
 * the exporter (de-DE groups with dots exactly as the conditional format prints).
 */
function shownText(cell: ExcelJS.Cell): string {
  const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  if (typeof value === 'number' && cell.numFmt === DOTTED) return value.toLocaleString('de-DE');
  return cellText(value);
}

describe('Phụ lục 2 as XLSX', () => {
  it('carries the bold centred title lines and the period line', async () => {
    const report = fixtureReport();
    const sheet = await openSheet(report);
    expect(sheet.getCell('A4').value).toBe(PHU_LUC_2_TITLE[0]);
    expect(sheet.getCell('A5').value).toBe(PHU_LUC_2_TITLE[1]);
    expect(sheet.getCell('A6').value).toBe('(Từ ngày 01/01/2021 đến 14/06/2021)');
    for (const address of ['A4', 'A5']) {
      expect(sheet.getCell(address).font).toMatchObject({ name: 'Times New Roman', size: 13, bold: true });
      expect(sheet.getCell(address).alignment.horizontal).toBe('center');
    }
    expect(sheet.getCell('A6').alignment.horizontal).toBe('center');
    expect(sheet.getCell('A6').font.bold).toBeFalsy();
  });

  it('merges the header cells as the paper form does', async () => {
    const sheet = await openSheet(fixtureReport());
    const merges = sheet.model.merges;
    for (const range of ['A4:H4', 'A5:H5', 'A6:H6', 'A8:A9', 'B8:B9', 'C8:C9', 'D8:G8', 'H8:H9']) {
      expect(merges).toContain(range);
    }
    expect(sheet.getCell('A8').value).toBe('STT');
    expect(sheet.getCell('A9').isMerged && sheet.getCell('A9').master.address).toBe('A8');
    expect(sheet.getCell('B8').value).toBe('Họ và tên');
    expect(sheet.getCell('C8').value).toBe('Cơ quan, đơn vị');
    expect(sheet.getCell('D8').value).toBe('Số lượt đánh giá');
    expect(sheet.getCell('G8').master.address).toBe('D8');
    expect(sheet.getCell('H8').value).toBe('Ghi chú');
    expect(['D9', 'E9', 'F9', 'G9'].map((address) => sheet.getCell(address).value)).toEqual([
      'Tốt',
      'Khá',
      'Trung bình',
      'Kém',
    ]);
    expect(sheet.getCell('D8').font).toMatchObject({ bold: true, name: 'Times New Roman' });
    expect(sheet.getCell('D9').border.bottom?.style).toBe('thin');
  });

  it('matches the model cell by cell, counts stored as numbers and shown with a dot separator', async () => {
    const report = fixtureReport();
    const sheet = await openSheet(report);
    const expected = expectedPrintedRows(report);
    expected.forEach((cells, rowIndex) => {
      const row = sheet.getRow(10 + rowIndex);
      const actual = cells.map((_text, column) => shownText(row.getCell(column + 1)));
      expect(actual).toEqual(cells);
      expect(row.getCell(1).value).toBe(report.rows[rowIndex]!.stt);
      expect(row.getCell(2).font.name).toBe('Times New Roman');
      expect(row.getCell(4).alignment.horizontal).toBe('right');
      expect(row.getCell(3).alignment.wrapText).toBe(true);
      for (let column = 4; column <= 7; column += 1) {
        // A number, not text: Excel's SUM counts it.
        expect(row.getCell(column).type).toBe(ExcelJS.ValueType.Number);
        expect(row.getCell(column).value).toBe(report.rows[rowIndex]!.counts[column - 4]);
      }
    });
    const bich = expected.findIndex((cells) => cells[1] === 'Đinh Thị Bích');
    expect(sheet.getRow(10 + bich).getCell(4).value).toBe(1204);
    expect(shownText(sheet.getRow(10 + bich).getCell(4))).toBe('1.204');
    const totals = sheet.getRow(10 + expected.length);
    expect(totals.getCell(1).value).toBe('Tổng cộng');
    expect(sheet.model.merges).toContain(`A${totals.number}:C${totals.number}`);
    // SUM formulas over the count cells, their cached results what Excel shows before recalculating.
    for (let column = 4; column <= 7; column += 1) {
      const cell = totals.getCell(column);
      expect(cell.type).toBe(ExcelJS.ValueType.Formula);
      const letterOf = letter(column);
      expect(cell.formula).toBe(`SUM(${letterOf}10:${letterOf}${9 + expected.length})`);
      let summed = 0;
      for (let row = 10; row < totals.number; row += 1) summed += sheet.getRow(row).getCell(column).value as number;
      expect(cell.result).toBe(summed);
      expect(cell.result).toBe(report.totals[column - 4]);
    }
    expect(shownText(totals.getCell(4))).toBe('1.746');
    const zip = await JSZip.loadAsync((await exportPhuLuc2(report, 'xlsx')).body);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).toContain(`formatCode="${DOTTED_IN_FILE}"`);
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
    expect(sheet.pageSetup.printTitlesRow).toBe('8:9');
    expect(sheet.headerFooter.oddFooter).toContain('Trang &P/&N');
  });

  async function pageBreaks(officers: number): Promise<{ after: number; max: number }[]> {
    const file = await exportPhuLuc2(fixtureReport({ officers }), 'xlsx');
    const zip = await JSZip.loadAsync(file.body);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    return [...xml.matchAll(/<brk id="(\d+)" max="(\d+)" man="1"\/>/g)].map((match) => ({
      after: Number(match[1]),
      max: Number(match[2]),
    }));
  }

  it('fits a typical centre (21 officers) on one A4 page, no officer and totals left alone on page 2', async () => {
    const sheet = await openSheet(fixtureReport({ officers: 21 }));
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.pageSetup.fitToHeight).toBe(1);
    expect(await pageBreaks(21)).toEqual([]);
  });

  it('pages a long report itself: header repeated, the last two officers with the totals and signatures', async () => {
    const officers = 70;
    const sheet = await openSheet(fixtureReport({ officers }));
    expect(sheet.pageSetup.fitToHeight).toBe(0);
    expect(sheet.pageSetup.printTitlesRow).toBe('8:9');
    const breaks = await pageBreaks(officers);
    const lastDataRow = 10 + officers - 1;
    expect(breaks.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...breaks.map((brk) => brk.after))).toBeLessThan(lastDataRow - 1);
    // 16383 is the last column Excel accepts in a break.
    expect(breaks.every((brk) => brk.max === 16383)).toBe(true);
  });

  it('carries the annex framing: label, issuing body, place and date, signatures with names', async () => {
    const report = fixtureReport();
    const sheet = await openSheet(report);
    expect(sheet.getCell('A1').value).toBe('UBND TỈNH BẮC KẠN');
    expect(sheet.getCell('A2').value).toBe('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH HẢI LONG');
    expect(sheet.getCell('A2').font.bold).toBe(true);
    // The label above the title at the right (over the level and note columns).
    expect(sheet.getCell('D1').value).toBe('Phụ lục 2');
    expect(sheet.model.merges).toContain('D1:H1');
    const texts: string[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && cell.isMerged ? cell.master === cell : true) {
          if (typeof cell.value === 'string') texts.push(cell.value);
        }
      });
    });
    const totalsAt = texts.indexOf('Tổng cộng');
    const dateAt = texts.indexOf('Bắc Kạn, ngày 15 tháng 6 năm 2021');
    expect(dateAt).toBeGreaterThan(totalsAt);
    expect(texts.indexOf('NGƯỜI LẬP BIỂU')).toBeGreaterThan(dateAt);
    expect(texts.indexOf('GIÁM ĐỐC')).toBeGreaterThan(dateAt);
    expect(texts.indexOf('Nông Thị Hạnh')).toBeGreaterThan(texts.indexOf('NGƯỜI LẬP BIỂU'));
    expect(texts.indexOf('Hà Văn Quang')).toBeGreaterThan(texts.indexOf('GIÁM ĐỐC'));

    const centred = await openSheet({ ...report, framing: { ...report.framing!, annexAlign: 'center' } });
    expect(centred.getCell('A3').value).toBe('Phụ lục 2');
    expect(centred.getCell('A3').alignment.horizontal).toBe('center');
    expect(centred.model.merges).toContain('A3:H3');
    expect(centred.getCell('D1').value).not.toBe('Phụ lục 2');
  });

  it.each([3, 5] as const)('gives a %i-level scale as many level columns', async (levels) => {
    const report = fixtureReport({ levels });
    const sheet = await openSheet(report);
    const last = letter(4 + levels);
    expect(sheet.model.merges).toContain(`D8:${letter(3 + levels)}8`);
    expect(sheet.model.merges).toContain(`${last}8:${last}9`);
    expect(sheet.getCell(`${last}8`).value).toBe('Ghi chú');
    const labels = Array.from({ length: levels }, (_unused, index) => sheet.getCell(`${letter(4 + index)}9`).value);
    expect(labels).toEqual(report.levels.map((level) => level.label));
    expectedPrintedRows(report).forEach((cells, rowIndex) => {
      const row = sheet.getRow(10 + rowIndex);
      expect(cells.map((_text, column) => shownText(row.getCell(column + 1)))).toEqual(cells);
    });
  });
});
