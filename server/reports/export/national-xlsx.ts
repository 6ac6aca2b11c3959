import ExcelJS from 'exceljs';
import { NATIONAL_LEVEL_LABELS } from '../../../shared/contract/centre-settings.ts';
import { NATIONAL_TITLE, type NationalReport, type NationalSummary } from '../../../shared/domain/national-scale.ts';
import { COUNT_FORMAT, PERCENT_FORMAT } from './coverage-xlsx.ts';
import { NATIONAL_HEADER } from './national-csv.ts';
import {
  boldFont,
  bodyFont,
  centred,
  columnLetter,
  leftWrapped,
  rightAligned,
  setUpA4Landscape,
  styleCell,
  wrappedRowHeight,
} from './xlsx-style.ts';

const HEADER_ROW = 4;
const WIDTHS = [6, 26, 32, 13, 13, 13, 13, 14, 14];

/** A working sheet like the coverage report: real numbers, one decimal for share and index. */
export async function nationalXlsx(report: NationalReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'hailong';
  const sheet = workbook.addWorksheet('Thang ba mức', { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  setUpA4Landscape(sheet, `${HEADER_ROW}:${HEADER_ROW}`);
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const last = columnLetter(WIDTHS.length);
  const wide = (rowNumber: number, text: string, font: typeof bodyFont): void => {
    sheet.mergeCells(`A${rowNumber}:${last}${rowNumber}`);
    const cell = sheet.getCell(`A${rowNumber}`);
    cell.value = text;
    styleCell(cell, font, centred, false);
  };
  wide(1, NATIONAL_TITLE, boldFont);
  wide(2, report.periodLine, bodyFont);
  const header = sheet.getRow(HEADER_ROW);
  NATIONAL_HEADER.forEach((text, index) => {
    const cell = header.getCell(index + 1);
    cell.value = text;
    styleCell(cell, boldFont, centred, true);
  });
  header.height = wrappedRowHeight(NATIONAL_HEADER.map((text, index) => ({ text, width: WIDTHS[index] ?? 10 }))) ?? 20;

  let rowNumber = HEADER_ROW + 1;
  const line = (first: (string | number)[], s: NationalSummary, font: typeof bodyFont) => {
    const row = sheet.getRow(rowNumber);
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    const values: (string | number | null)[] = [
      ...first,
      s.counts.rat_hai_long,
      s.counts.hai_long,
      s.counts.khong_hai_long,
      s.total,
      round(s.satisfiedPercent),
      round(s.index),
    ];
    values.forEach((value, index) => {
      const cell = row.getCell(index + 1);
      cell.value = value;
      if (index === 0) styleCell(cell, font, centred, true);
      else if (index <= 2) styleCell(cell, font, leftWrapped, true);
      else {
        styleCell(cell, font, rightAligned, true);
        cell.numFmt = index >= 7 ? PERCENT_FORMAT : COUNT_FORMAT;
      }
    });
    rowNumber += 1;
  };
  for (const row of report.rows) line([row.stt, row.fullName, row.agencyName], row, bodyFont);
  for (const agency of report.agencies) line(['', 'Cộng cơ quan', agency.agencyName], agency, boldFont);
  line(['', 'Toàn Trung tâm', ''], report.centre, boldFont);
  rowNumber += 1;
  sheet.getCell(`A${rowNumber}`).value =
    `Cách tính: ${report.mapping.map((m) => `${m.label} → ${NATIONAL_LEVEL_LABELS[m.national]}, trọng số ${String(m.weight)}`).join('; ')}.`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
