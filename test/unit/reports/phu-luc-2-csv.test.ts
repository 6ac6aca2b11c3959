import { describe, expect, it } from 'vitest';
import { PHU_LUC_2_TITLE } from '../../../shared/domain/phu-luc-2.ts';
import { exportPhuLuc2 } from '../../../server/reports/export/index.ts';
import { fixtureReport } from '../../fixtures/reports/phu-luc-2-fixture.ts';
import { parseCsv } from './read-back.ts';

describe('Phụ lục 2 as CSV', () => {
  it('starts with a UTF-8 BOM and ends every line with CRLF, so Excel reads Vietnamese', async () => {
    const { body, contentType } = await exportPhuLuc2(fixtureReport(), 'csv');
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(contentType).toBe('text/csv; charset=utf-8');
    const text = body.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it('reads back to the model cell by cell, counts as plain integers', async () => {
    const report = fixtureReport();
    const rows = parseCsv((await exportPhuLuc2(report, 'csv')).body.toString('utf8').slice(1));
    expect(rows.slice(0, 3)).toEqual([[PHU_LUC_2_TITLE[0]], [PHU_LUC_2_TITLE[1]], [report.periodLine]]);
    expect(rows[3]).toEqual([
      'STT',
      'Họ và tên',
      'Cơ quan, đơn vị',
      'Số lượt đánh giá - Tốt',
      'Số lượt đánh giá - Khá',
      'Số lượt đánh giá - Trung bình',
      'Số lượt đánh giá - Kém',
      'Ghi chú',
    ]);
    const body = rows.slice(4, 4 + report.rows.length);
    expect(body).toEqual(
      report.rows.map((row) => [String(row.stt), row.fullName, row.agencyName, ...row.counts.map(String), row.note]),
    );
    expect(body.find((cells) => cells[1] === 'Đinh Thị Bích')?.[3]).toBe('1204');
    expect(rows[4 + report.rows.length]).toEqual(['Tổng cộng', '', '', ...report.totals.map(String), '']);
    expect(rows.at(-1)).toEqual([report.misuseLine]);
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', async () => {
    const report = fixtureReport();
    report.rows[0] = { ...report.rows[0]!, note: 'Chuyển sang "Bộ phận Một cửa", từ 01/4\nxem công văn' };
    const { body } = await exportPhuLuc2(report, 'csv');
    expect(body.toString('utf8')).toContain('"Chuyển sang ""Bộ phận Một cửa"", từ 01/4\nxem công văn"');
    expect(body.toString('utf8')).toContain('"Sở Văn hóa, Thể thao và Du lịch"');
    const rows = parseCsv(body.toString('utf8').slice(1));
    expect(rows[4]?.at(-1)).toBe(report.rows[0].note);
  });

  it.each([3, 5] as const)('gives a %i-level scale as many level columns', async (levels) => {
    const report = fixtureReport({ levels });
    const rows = parseCsv((await exportPhuLuc2(report, 'csv')).body.toString('utf8').slice(1));
    expect(rows[3]).toHaveLength(4 + levels);
    expect(rows[3]!.slice(3, 3 + levels)).toEqual(report.levels.map((level) => `Số lượt đánh giá - ${level.label}`));
    expect(rows.slice(4, 4 + report.rows.length).map((row) => row.slice(3, 3 + levels))).toEqual(
      report.rows.map((row) => row.counts.map(String)),
    );
  });
});
