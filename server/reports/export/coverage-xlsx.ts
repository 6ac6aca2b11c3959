import ExcelJS from 'exceljs';
import { addFunnelSheet } from './funnel-export.ts';
import { COVERAGE_TITLE, type CoverageReport } from '../../../shared/domain/coverage-report.ts';
import { COVERAGE_HEADER } from './coverage-csv.ts';
import {
  COUNT_FORMAT,
  PERCENT_FORMAT,
  ROW_HEIGHT,
  WORKING_HEADER_ROW,
  addWorkingSheet,
  bodyFont,
  centred,
  columnLetter,
  leftWrapped,
  rightAligned,
  smallFont,
  styleCell,
  wrappedRowHeight,
} from './xlsx-style.ts';
import { formatDateTimeVi } from '../../../shared/domain/vietnam-time.ts';

/**
 * Unlike the filed Phụ lục 2, this is a working sheet a supervisor sorts and filters, so the
 * values are real numbers: counts in COUNT_FORMAT, the percentage one decimal, and times as
 * Excel durations (seconds ÷ 86 400) shown as [mm]:ss so minutes run past 59.
 */
const DURATION_FORMAT = '[mm]:ss';

const WIDTHS = [6, 26, 32, 13, 13, 13, 14, 13, 16, 16];

export async function coverageXlsx(report: CoverageReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'hailong';
  const sheet = addWorkingSheet(workbook, 'Tỷ lệ đánh giá', {
    title: COVERAGE_TITLE,
    periodLine: report.periodLine,
    header: COVERAGE_HEADER,
    widths: WIDTHS,
  });
  const last = columnLetter(WIDTHS.length);

  let rowNumber = WORKING_HEADER_ROW + 1;
  for (const data of report.rows) {
    const row = sheet.getRow(rowNumber);
    const values: (string | number | null)[] = [
      data.stt,
      data.fullName,
      data.agencyName,
      data.ticketsServed,
      data.ratingsReceived,
      data.ticketRatings,
      data.walkUpRatings,
      data.coveragePercent === null ? null : Math.round(data.coveragePercent * 10) / 10,
      data.averageWaitSeconds === null ? null : Math.round(data.averageWaitSeconds) / 86_400,
      data.averageServiceSeconds === null ? null : Math.round(data.averageServiceSeconds) / 86_400,
    ];
    values.forEach((value, index) => {
      const cell = row.getCell(index + 1);
      cell.value = value;
      if (index === 0) styleCell(cell, bodyFont, centred, true);
      else if (index <= 2) styleCell(cell, bodyFont, leftWrapped, true);
      else {
        styleCell(cell, bodyFont, rightAligned, true);
        cell.numFmt = index === 7 ? PERCENT_FORMAT : index >= 8 ? DURATION_FORMAT : COUNT_FORMAT;
      }
    });
    const height = wrappedRowHeight([
      { text: data.fullName, width: WIDTHS[1] ?? 10 },
      { text: data.agencyName, width: WIDTHS[2] ?? 10 },
    ]);
    row.height = height ?? ROW_HEIGHT;
    rowNumber += 1;
  }

  rowNumber += 1;
  sheet.mergeCells(`A${rowNumber}:${last}${rowNumber}`);
  const note = sheet.getCell(`A${rowNumber}`);
  note.value =
    'Tỷ lệ đánh giá = số lượt đánh giá theo phiếu ÷ số phiếu đã phục vụ. ' +
    `Lập lúc ${formatDateTimeVi(new Date(report.generatedAt))}.`;
  styleCell(note, smallFont, { horizontal: 'left', vertical: 'middle' }, false);
  addFunnelSheet(workbook, report);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
