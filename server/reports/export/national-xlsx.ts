import ExcelJS from 'exceljs';
import { NATIONAL_LEVEL_LABELS } from '../../../shared/contract/centre-settings.ts';
import { NATIONAL_TITLE, type NationalReport, type NationalSummary } from '../../../shared/domain/national-scale.ts';
import { NATIONAL_HEADER } from './national-csv.ts';
import {
  COUNT_FORMAT,
  PERCENT_FORMAT,
  WORKING_HEADER_ROW,
  addWorkingSheet,
  boldFont,
  bodyFont,
  centred,
  leftWrapped,
  rightAligned,
  styleCell,
} from './xlsx-style.ts';

const WIDTHS = [6, 26, 32, 13, 13, 13, 13, 14, 14];

/** A working sheet like the coverage report: real numbers, one decimal for share and index. */
export async function nationalXlsx(report: NationalReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'hailong';
  const sheet = addWorkingSheet(workbook, 'Thang ba mức', {
    title: NATIONAL_TITLE,
    periodLine: report.periodLine,
    header: NATIONAL_HEADER,
    widths: WIDTHS,
  });

  let rowNumber = WORKING_HEADER_ROW + 1;
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
