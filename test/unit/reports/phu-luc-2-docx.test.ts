import { describe, expect, it } from 'vitest';
import { PHU_LUC_2_TITLE } from '../../../shared/domain/phu-luc-2.ts';
import { formatCount } from '../../../shared/domain/text.ts';
import { exportPhuLuc2 } from '../../../server/reports/export/index.ts';
import { fixtureReport } from '../../fixtures/reports/phu-luc-2-fixture.ts';
import { expectedPrintedRows, readDocx } from './read-back.ts';

describe('Phụ lục 2 as DOCX', () => {
  it('is an A4 landscape page in Times New Roman with the title and period line', async () => {
    const report = fixtureReport();
    const docx = await readDocx((await exportPhuLuc2(report, 'docx')).body);
    expect(docx.documentXml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(docx.stylesXml).toMatch(/<w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"/);
    const titleAt = docx.paragraphs.indexOf(PHU_LUC_2_TITLE[0]);
    expect(docx.paragraphs.slice(titleAt, titleAt + 3)).toEqual([...PHU_LUC_2_TITLE, report.periodLine]);
    expect(docx.paragraphs).toContain(report.misuseLine);
    // "Trang 1/3": Word fills the PAGE and NUMPAGES fields.
    expect(docx.footerXml).toMatch(/>Trang <\/w:t>[\s\S]*>PAGE<[\s\S]*>\/<\/w:t>[\s\S]*>NUMPAGES</);
  });

  it('is a real Word table with merged header cells repeated on every page', async () => {
    const report = fixtureReport();
    const docx = await readDocx((await exportPhuLuc2(report, 'docx')).body);
    expect(docx.tables).toHaveLength(1);
    const rows = docx.tables[0]!;
    // 2 header rows + one per officer + the totals row.
    expect(rows).toHaveLength(2 + report.rows.length + 1);
    const [top, second] = [rows[0]!, rows[1]!];
    expect(top.isHeader && second.isHeader).toBe(true);
    expect(rows[2]!.isHeader).toBe(false);
    expect(top.cells.map((cell) => [cell.text, cell.gridSpan, cell.vMerge])).toEqual([
      ['STT', 1, 'restart'],
      ['Họ và tên', 1, 'restart'],
      ['Cơ quan, đơn vị', 1, 'restart'],
      ['Số lượt đánh giá', 4, null],
      ['Ghi chú', 1, 'restart'],
    ]);
    expect(top.cells.every((cell) => cell.bold)).toBe(true);
    expect(second.cells.map((cell) => [cell.text, cell.vMerge])).toEqual([
      ['', 'continue'],
      ['', 'continue'],
      ['', 'continue'],
      ['Tốt', null],
      ['Khá', null],
      ['Trung bình', null],
      ['Kém', null],
      ['', 'continue'],
    ]);
  });

  it('matches the model cell by cell', async () => {
    const report = fixtureReport();
    const rows = (await readDocx((await exportPhuLuc2(report, 'docx')).body)).tables[0]!;
    const body = rows.slice(2, 2 + report.rows.length).map((row) => row.cells.map((cell) => cell.text));
    expect(body).toEqual(expectedPrintedRows(report));
    expect(body.find((cells) => cells[1] === 'Đinh Thị Bích')?.[3]).toBe('1.204');
    const totals = rows.at(-1)!;
    expect(totals.cells[0]).toMatchObject({ text: 'Tổng cộng', gridSpan: 3, bold: true });
    expect(totals.cells.slice(1, 5).map((cell) => cell.text)).toEqual(report.totals.map(formatCount));
  });

  it.each([3, 5] as const)('gives a %i-level scale as many level columns', async (levels) => {
    const report = fixtureReport({ levels });
    const docx = await readDocx((await exportPhuLuc2(report, 'docx')).body);
    const rows = docx.tables[0]!;
    expect(docx.documentXml.match(/<w:gridCol /g)).toHaveLength(4 + levels);
    expect(rows[0]!.cells[3]).toMatchObject({ text: 'Số lượt đánh giá', gridSpan: levels });
    expect(rows[1]!.cells.filter((cell) => cell.vMerge === null).map((cell) => cell.text)).toEqual(
      report.levels.map((level) => level.label),
    );
    expect(rows.slice(2, -1).map((row) => row.cells.map((cell) => cell.text))).toEqual(expectedPrintedRows(report));
  });

  it('carries the annex framing: issuing body, label, place and date, signatures with names', async () => {
    const report = fixtureReport();
    const docx = await readDocx((await exportPhuLuc2(report, 'docx')).body);
    const titleAt = docx.paragraphs.indexOf(PHU_LUC_2_TITLE[0]);
    // Before the title: the issuing body with the label at the right, the centre under it.
    expect(docx.paragraphs.slice(0, titleAt)).toEqual(
      expect.arrayContaining(['\tUBND TỈNH BẮC KẠN\tPhụ lục 2', '\tTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH HẢI LONG\t']),
    );
    const after = docx.paragraphs.slice(titleAt);
    const dateAt = after.indexOf('\t\tBắc Kạn, ngày 15 tháng 6 năm 2021');
    expect(dateAt).toBeGreaterThan(after.indexOf(report.misuseLine));
    expect(after.indexOf('\tNGƯỜI LẬP BIỂU\tGIÁM ĐỐC')).toBeGreaterThan(dateAt);
    expect(after.indexOf('\tNông Thị Hạnh\tHà Văn Quang')).toBeGreaterThan(after.indexOf('\tNGƯỜI LẬP BIỂU\tGIÁM ĐỐC'));

    const centred = await readDocx(
      (await exportPhuLuc2({ ...report, framing: { ...report.framing!, annexAlign: 'center' } }, 'docx')).body,
    );
    expect(centred.paragraphs).toContain('Phụ lục 2');
    expect(centred.paragraphs).toContain('\tUBND TỈNH BẮC KẠN\t');
  });

  it('keeps the last two officers with the totals (keep with next) and repeats the header rows', async () => {
    const report = fixtureReport({ officers: 40 });
    const docx = await readDocx((await exportPhuLuc2(report, 'docx')).body);
    const rowsXml = [...docx.documentXml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((match) => match[1] ?? '');
    const keeps = rowsXml.map((xml) => /<w:keepNext\/>/.test(xml));
    // 2 header rows, 40 officers, totals: officers 39 and 40 and the totals row keep with what follows.
    expect(keeps.slice(2, 2 + 38).some(Boolean)).toBe(false);
    expect(keeps.slice(40, 43)).toEqual([true, true, true]);
    expect(docx.tables[0]!.slice(0, 2).every((row) => row.isHeader)).toBe(true);
  });
});
