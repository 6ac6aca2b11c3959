import ExcelJS from 'exceljs';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { phuLuc2Layout } from './phu-luc-2-layout.ts';
import {
  ROW_HEIGHT,
  boldFont,
  bodyFont,
  centred,
  columnLetter,
  leftWrapped,
  placePageBreaks,
  rightAligned,
  setUpA4Landscape,
  smallFont,
  styleCell,
  wrappedRowHeight,
} from './xlsx-style.ts';

/** Sheet rows: 1–2 title, 3 period, 4 blank, 5–6 header, 7… data. */
export const XLSX_HEADER_ROW = 5;
export const XLSX_FIRST_DATA_ROW = 7;

const LINE_HEIGHT = 18;
const SMALL_LINE_HEIGHT = 15;
const GAP_HEIGHT = 10;

/**
 * Counts are written as right-aligned TEXT cells "1.204", not numbers. A number format such
 * as '#,##0' shows the separator of the PC's locale (a comma on most office PCs here), but the
 * form must show a dot, and centres paste these cells into Word reports where only the shown
 * text survives. STT stays a real number; the totals row saves anyone from summing text.
 */
export async function phuLuc2Xlsx(report: PhuLuc2Report): Promise<Buffer> {
  const layout = phuLuc2Layout(report);
  const lastColumn = columnLetter(layout.columnCount);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'hailong';
  workbook.created = new Date(report.generatedAt);
  const sheet = workbook.addWorksheet('Phụ lục 2', {
    views: [{ state: 'frozen', ySplit: XLSX_FIRST_DATA_ROW - 1 }],
  });
  setUpA4Landscape(sheet, `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW + 1}`);
  sheet.columns = layout.columnWidths.map((width) => ({ width }));
  // Every row gets an explicit height so the page breaks below can be placed from them.
  const heights = new Map<number, number>();
  const setHeight = (rowNumber: number, height: number): void => {
    sheet.getRow(rowNumber).height = height;
    heights.set(rowNumber, height);
  };

  const wideLine = (rowNumber: number, text: string, font: typeof bodyFont): void => {
    sheet.mergeCells(`A${rowNumber}:${lastColumn}${rowNumber}`);
    const cell = sheet.getCell(`A${rowNumber}`);
    cell.value = text;
    styleCell(cell, font, centred, false);
    setHeight(rowNumber, LINE_HEIGHT);
  };
  layout.titleLines.forEach((line, index) => {
    wideLine(index + 1, line, boldFont);
  });
  const periodRow = layout.titleLines.length + 1;
  wideLine(periodRow, layout.periodLine, bodyFont);
  setHeight(periodRow + 1, GAP_HEIGHT);

  // Header: STT, Họ và tên, Cơ quan and Ghi chú merged down both rows; the ratings word across the levels.
  const top = XLSX_HEADER_ROW;
  const second = top + 1;
  const headerCell = (address: string, text: string): void => {
    const cell = sheet.getCell(address);
    cell.value = text;
    styleCell(cell, boldFont, centred, true);
  };
  const firstLevel = layout.firstLevelColumn + 1;
  const lastLevel = firstLevel + layout.levelCount - 1;
  const noteColumn = columnLetter(layout.columnCount);
  for (const [column, text] of [
    ['A', layout.header.stt],
    ['B', layout.header.fullName],
    ['C', layout.header.agency],
    [noteColumn, layout.header.note],
  ] as const) {
    headerCell(`${column}${top}`, text);
    headerCell(`${column}${second}`, text);
    sheet.mergeCells(`${column}${top}:${column}${second}`);
  }
  for (let column = firstLevel; column <= lastLevel; column += 1) {
    headerCell(`${columnLetter(column)}${top}`, layout.header.ratings);
  }
  sheet.mergeCells(`${columnLetter(firstLevel)}${top}:${columnLetter(lastLevel)}${top}`);
  layout.levelLabels.forEach((label, index) => {
    headerCell(`${columnLetter(firstLevel + index)}${second}`, label);
  });
  setHeight(top, ROW_HEIGHT);
  setHeight(
    second,
    wrappedRowHeight(
      layout.levelLabels.map((text, index) => ({
        text,
        width: layout.columnWidths[layout.firstLevelColumn + index] ?? 10,
      })),
    ) ?? ROW_HEIGHT,
  );

  let rowNumber = XLSX_FIRST_DATA_ROW;
  for (const cells of layout.body) {
    const row = sheet.getRow(rowNumber);
    cells.forEach((text, index) => {
      const cell = row.getCell(index + 1);
      const isCount = index >= layout.firstLevelColumn && index < layout.firstLevelColumn + layout.levelCount;
      if (index === 0) {
        cell.value = Number(text);
        styleCell(cell, bodyFont, centred, true);
      } else {
        cell.value = text;
        styleCell(cell, bodyFont, isCount ? rightAligned : leftWrapped, true);
      }
    });
    const height = wrappedRowHeight(
      [1, 2, layout.columnCount - 1].map((index) => ({
        text: cells[index] ?? '',
        width: layout.columnWidths[index] ?? 10,
      })),
    );
    setHeight(rowNumber, height ?? ROW_HEIGHT);
    rowNumber += 1;
  }

  const totalsRow = sheet.getRow(rowNumber);
  layout.totals.forEach((text, index) => {
    const cell = totalsRow.getCell(index + 1);
    cell.value = text;
    const isCount = index >= layout.firstLevelColumn && index < layout.firstLevelColumn + layout.levelCount;
    styleCell(cell, boldFont, isCount ? rightAligned : centred, true);
  });
  sheet.mergeCells(`A${rowNumber}:${columnLetter(layout.totalsLabelSpan)}${rowNumber}`);
  setHeight(rowNumber, ROW_HEIGHT);
  setHeight(rowNumber + 1, GAP_HEIGHT);
  rowNumber += 2;

  sheet.mergeCells(`A${rowNumber}:${lastColumn}${rowNumber}`);
  const misuse = sheet.getCell(`A${rowNumber}`);
  misuse.value = layout.misuseLine;
  styleCell(misuse, bodyFont, { horizontal: 'left', vertical: 'middle', wrapText: true }, false);
  const totalWidth = layout.columnWidths.reduce((sum, width) => sum + width, 0);
  setHeight(rowNumber, wrappedRowHeight([{ text: layout.misuseLine, width: totalWidth }]) ?? LINE_HEIGHT);
  rowNumber += 1;

  for (const line of layout.footerLines) {
    sheet.mergeCells(`A${rowNumber}:${lastColumn}${rowNumber}`);
    const cell = sheet.getCell(`A${rowNumber}`);
    cell.value = line;
    styleCell(cell, smallFont, { horizontal: 'left', vertical: 'middle' }, false);
    setHeight(rowNumber, SMALL_LINE_HEIGHT);
    rowNumber += 1;
  }

  placePageBreaks(sheet, heights, {
    repeatedRows: [top, second],
    // The last officer, the totals and the notes share a page.
    keepTogetherFrom: XLSX_FIRST_DATA_ROW + Math.max(0, layout.body.length - 1),
    lastRow: rowNumber - 1,
  });

  sheet.pageSetup.printArea = `A1:${lastColumn}${rowNumber - 1}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
