import { describe, expect, it } from 'vitest';
import { PHU_LUC_2_TITLE } from '../../../shared/domain/phu-luc-2.ts';
import { formatCount } from '../../../shared/domain/text.ts';
import { exportPhuLuc2 } from '../../../server/reports/export/index.ts';
import { fixtureReport } from '../../fixtures/reports/phu-luc-2-fixture.ts';
import { expectedPrintedRows, readPdf } from './read-back.ts';

/** Each row's cells as pdf.js reads them: non-empty cells separated by single spaces. */
function rowText(cells: string[]): string {
  return cells.filter((cell) => cell !== '').join(' ');
}

/** Asserts every needle appears in the text in the given order. */
function expectInOrder(text: string, needles: string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    expect(at, `"${needle}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

describe('Phụ lục 2 as PDF', () => {
  it('is A4 landscape with the title, period line and every row in order', async () => {
    const report = fixtureReport();
    const pdf = await readPdf((await exportPhuLuc2(report, 'pdf')).body);
    for (const page of pdf.pages) {
      expect(page.width).toBeCloseTo(841.89, 0);
      expect(page.height).toBeCloseTo(595.28, 0);
    }
    const text = pdf.pages.map((page) => page.text).join(' ');
    expectInOrder(text, [
      ...PHU_LUC_2_TITLE,
      report.periodLine,
      'STT Họ và tên Cơ quan, đơn vị Số lượt đánh giá Tốt Khá Trung bình Kém Ghi chú',
      ...expectedPrintedRows(report).map(rowText),
      `Tổng cộng ${report.totals.map(formatCount).join(' ')}`,
      report.misuseLine,
    ]);
    expect(text).toContain('12 Đinh Thị Bích Sở Tư pháp 1.204 3 0 1');
    expect(text).toContain('Trang 1/');
  });

  it('repeats the header on every page of a long table and numbers the pages', async () => {
    const report = fixtureReport({ officers: 70 });
    const pdf = await readPdf((await exportPhuLuc2(report, 'pdf')).body);
    expect(pdf.pages.length).toBeGreaterThan(2);
    pdf.pages.forEach((page, index) => {
      expect(page.text).toContain(`Trang ${index + 1}/${pdf.pages.length}`);
      expect(page.text).toContain('STT Họ và tên Cơ quan, đơn vị Số lượt đánh giá');
    });
    expectInOrder(pdf.pages.map((page) => page.text).join(' '), expectedPrintedRows(report).map(rowText));
  });

  it.each([3, 5] as const)('gives a %i-level scale as many level columns', async (levels) => {
    const report = fixtureReport({ levels });
    const pdf = await readPdf((await exportPhuLuc2(report, 'pdf')).body);
    const text = pdf.pages.map((page) => page.text).join(' ');
    expectInOrder(text, [
      `Số lượt đánh giá ${report.levels.map((level) => level.label).join(' ')} Ghi chú`,
      ...expectedPrintedRows(report).map(rowText),
      `Tổng cộng ${report.totals.map(formatCount).join(' ')}`,
    ]);
  });

  it('carries the annex framing and fits a typical centre (21 officers) on one page', async () => {
    const report = fixtureReport();
    const pdf = await readPdf((await exportPhuLuc2(report, 'pdf')).body);
    expect(pdf.pages).toHaveLength(1);
    expectInOrder(pdf.pages[0]!.text, [
      'UBND TỈNH BẮC KẠN',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH HẢI LONG',
      'Phụ lục 2',
      PHU_LUC_2_TITLE[0],
      'Tổng cộng',
      report.misuseLine,
      'Bắc Kạn, ngày 15 tháng 6 năm 2021',
      'NGƯỜI LẬP BIỂU',
      'Nông Thị Hạnh',
      'GIÁM ĐỐC',
      'Hà Văn Quang',
    ]);
  });

  it('never leaves the totals and signatures without the last officers on a page', async () => {
    for (const officers of [24, 40, 70]) {
      const report = fixtureReport({ officers });
      const pdf = await readPdf((await exportPhuLuc2(report, 'pdf')).body);
      const last = pdf.pages.at(-1)!.text;
      expect(last).toContain('Tổng cộng');
      expect(last).toContain('GIÁM ĐỐC');
      const lastRows = expectedPrintedRows(report).slice(-2).map(rowText);
      for (const row of lastRows) expect(last).toContain(row);
    }
  });
});
