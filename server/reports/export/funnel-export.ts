import type ExcelJS from 'exceljs';
import type { CoverageReport } from '../../../shared/domain/coverage-report.ts';
import { FUNNEL_COLUMNS, type FunnelReport, type FunnelRow } from '../../../shared/domain/rating-funnel.ts';
import { boldFont, bodyFont, centred, leftWrapped, rightAligned, setUpA4Landscape, styleCell } from './xlsx-style.ts';

export const FUNNEL_TITLE = 'LỜI MỜI ĐÁNH GIÁ: PHỤC VỤ → ĐƯỢC MỜI → ĐÁNH GIÁ' as const;

export const FUNNEL_HEADER = [
  'Họ và tên',
  'Cơ quan, đơn vị',
  FUNNEL_COLUMNS.served,
  FUNNEL_COLUMNS.prompted,
  FUNNEL_COLUMNS.promptedPercent,
  FUNNEL_COLUMNS.rated,
  FUNNEL_COLUMNS.ratedPercent,
  FUNNEL_COLUMNS.ratedByPhone,
  FUNNEL_COLUMNS.declined,
  FUNNEL_COLUMNS.timedOut,
  'Không hiển thị: màn hình bận',
  'Không hiển thị: không có màn hình',
  'Không hiển thị: công dân không có mặt',
  FUNNEL_COLUMNS.low,
] as const;

const round1 = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** One funnel line as values: counts, percentages with one decimal (null: nothing served), and the outlier mark. */
function values(first: [string, string], r: FunnelRow): (string | number | null)[] {
  return [
    ...first,
    r.served,
    r.prompted,
    round1(r.promptedPercent),
    r.rated,
    round1(r.ratedPercent),
    r.ratedByPhone,
    r.declined,
    r.timedOut,
    r.notShownScreenBusy,
    r.notShownNoScreen,
    r.notShownCitizenAbsent,
    r.low ? 'x' : '',
  ];
}

function lines(funnel: FunnelReport): (string | number | null)[][] {
  return [
    ...funnel.officers.filter((r) => r.served > 0).map((r) => values([r.name, r.agencyName], r)),
    ...funnel.agencies.map((r) => values(['Cộng cơ quan', r.name], r)),
    values(['Toàn Trung tâm', ''], funnel.centre),
  ];
}

/** The funnel block appended under the coverage CSV (blank line, title, header, lines). */
export function funnelCsvRows(report: CoverageReport): (string | number)[][] {
  if (!report.funnel) return [];
  return [[], [FUNNEL_TITLE], [...FUNNEL_HEADER], ...lines(report.funnel).map((row) => row.map((v) => v ?? ''))];
}

/** The funnel as a second sheet of the coverage workbook. */
export function addFunnelSheet(workbook: ExcelJS.Workbook, report: CoverageReport): void {
  if (!report.funnel) return;
  const sheet = workbook.addWorksheet('Lời mời đánh giá', { views: [{ state: 'frozen', ySplit: 4 }] });
  setUpA4Landscape(sheet, '4:4');
  sheet.columns = [26, 30, 11, 11, 11, 11, 11, 11, 10, 10, 12, 12, 12, 10].map((width) => ({ width }));
  sheet.getCell('A1').value = FUNNEL_TITLE;
  styleCell(sheet.getCell('A1'), boldFont, leftWrapped, false);
  sheet.getCell('A2').value = report.periodLine;
  styleCell(sheet.getCell('A2'), bodyFont, leftWrapped, false);
  FUNNEL_HEADER.forEach((text, index) => {
    const cell = sheet.getRow(4).getCell(index + 1);
    cell.value = text;
    styleCell(cell, boldFont, centred, true);
  });
  const officerLines = report.funnel.officers.filter((r) => r.served > 0).length;
  lines(report.funnel).forEach((row, i) => {
    row.forEach((value, index) => {
      const cell = sheet.getRow(5 + i).getCell(index + 1);
      cell.value = value;
      styleCell(cell, i >= officerLines ? boldFont : bodyFont, index < 2 ? leftWrapped : rightAligned, true);
      if (index === 4 || index === 6) cell.numFmt = '0.0';
    });
  });
}
