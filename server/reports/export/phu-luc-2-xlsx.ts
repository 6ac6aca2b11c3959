import ExcelJS from 'exceljs';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { phuLuc2Layout } from './phu-luc-2-layout.ts';
import {
  COUNT_FORMAT,
  ROW_HEIGHT,
  boldFont,
  bodyFont,
  centred,
  columnLetter,
  leftWrapped,
  paginate,
  rightAligned,
  setUpA4Landscape,
  smallFont,
  styleCell,
  wrappedRowHeight,
} from './xlsx-style.ts';

/**
 * Sheet rows: 1–2 issuing body (left) and the `Phụ lục 2` label (right, row 1), 3 the label
 * when centred, 4–5 title, 6 period, 7 blank, 8–9 header, 10… data.
 */
export const XLSX_HEADER_ROW = 8;
export const XLSX_FIRST_DATA_ROW = 10;
/** Officers kept on the page of the totals and signatures: never the totals alone. */
export const ROWS_KEPT_WITH_TOTALS = 2;

const LINE_HEIGHT = 18;
const SMALL_LINE_HEIGHT = 15;
const GAP_HEIGHT = 8;
const SIGNING_ROOM = 44;
const italicFont = { ...bodyFont, italic: true };

/**
 * Counts are numbers (SUM works) shown with a dot separator through COUNT_FORMAT; the totals
 * row is SUM formulas with their results cached, so a viewer that does not recalculate shows
 * them too. STT is a number; names, agencies and notes are text.
 */
export async function phuLuc2Xlsx(report: PhuLuc2Report): Promise<Buffer> {
  const layout = phuLuc2Layout(report);
  const lastColumn = columnLetter(layout.columnCount);
  const firstLevel = layout.firstLevelColumn + 1;
  const lastLevel = firstLevel + layout.levelCount - 1;
  const leftBlock = (row: number): string => `A${row}:${columnLetter(layout.firstLevelColumn)}${row}`;
  const rightBlock = (row: number): string => `${columnLetter(firstLevel)}${row}:${lastColumn}${row}`;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'hailong';
  workbook.created = new Date(report.generatedAt);
  const sheet = workbook.addWorksheet('Phụ lục 2', {
    views: [{ state: 'frozen', ySplit: XLSX_FIRST_DATA_ROW - 1 }],
  });
  setUpA4Landscape(sheet, `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW + 1}`);
  sheet.columns = layout.columnWidths.map((width) => ({ width }));
  // Every row gets an explicit height so the page breaks can be placed from them.
  const heights = new Map<number, number>();
  const setHeight = (rowNumber: number, height: number): void => {
    sheet.getRow(rowNumber).height = height;
    heights.set(rowNumber, height);
  };
  const block = (range: string, text: string, font: typeof bodyFont): void => {
    sheet.mergeCells(range);
    const cell = sheet.getCell(range.split(':')[0] ?? 'A1');
    cell.value = text;
    styleCell(cell, font, centred, false);
  };

  // Issuing body and centre, top left; the annex label top right or centred above the title.
  for (let index = 0; index < 2; index += 1) {
    const row = index + 1;
    block(
      leftBlock(row),
      layout.issuingLines[index] ?? '',
      index === layout.issuingLines.length - 1 ? boldFont : bodyFont,
    );
    setHeight(row, LINE_HEIGHT);
  }
  if (layout.annexLabel !== '' && layout.annexAlign === 'right') block(rightBlock(1), layout.annexLabel, boldFont);
  if (layout.annexLabel !== '' && layout.annexAlign === 'center') {
    block(`A3:${lastColumn}3`, layout.annexLabel, boldFont);
    setHeight(3, LINE_HEIGHT);
  } else setHeight(3, GAP_HEIGHT);

  const titleRow = 4;
  layout.titleLines.forEach((line, index) => {
    block(`A${titleRow + index}:${lastColumn}${titleRow + index}`, line, boldFont);
    setHeight(titleRow + index, LINE_HEIGHT);
  });
  const periodRow = titleRow + layout.titleLines.length;
  block(`A${periodRow}:${lastColumn}${periodRow}`, layout.periodLine, bodyFont);
  setHeight(periodRow, LINE_HEIGHT);
  setHeight(periodRow + 1, GAP_HEIGHT);

  // Header: STT, Họ và tên, Cơ quan and Ghi chú merged down both rows; the ratings word across the levels.
  const top = XLSX_HEADER_ROW;
  const second = top + 1;
  const headerCell = (address: string, text: string): void => {
    const cell = sheet.getCell(address);
    cell.value = text;
    styleCell(cell, boldFont, centred, true);
  };
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

  const isCount = (index: number): boolean =>
    index >= layout.firstLevelColumn && index < layout.firstLevelColumn + layout.levelCount;
  let rowNumber = XLSX_FIRST_DATA_ROW;
  layout.bodyRaw.forEach((cells, bodyIndex) => {
    const row = sheet.getRow(rowNumber);
    cells.forEach((value, index) => {
      const cell = row.getCell(index + 1);
      cell.value = value;
      if (index === 0) styleCell(cell, bodyFont, centred, true);
      else if (isCount(index)) {
        styleCell(cell, bodyFont, rightAligned, true);
        cell.numFmt = COUNT_FORMAT;
      } else styleCell(cell, bodyFont, leftWrapped, true);
    });
    const printed = layout.body[bodyIndex] ?? [];
    const height = wrappedRowHeight(
      [1, 2, layout.columnCount - 1].map((index) => ({
        text: printed[index] ?? '',
        width: layout.columnWidths[index] ?? 10,
      })),
    );
    setHeight(rowNumber, height ?? ROW_HEIGHT);
    rowNumber += 1;
  });

  const totalsRow = sheet.getRow(rowNumber);
  const lastDataRow = rowNumber - 1;
  layout.totalsRaw.forEach((value, index) => {
    const cell = totalsRow.getCell(index + 1);
    if (isCount(index) && typeof value === 'number') {
      const column = columnLetter(index + 1);
      cell.value =
        layout.body.length === 0
          ? 0
          : { formula: `SUM(${column}${XLSX_FIRST_DATA_ROW}:${column}${lastDataRow})`, result: value };
      cell.numFmt = COUNT_FORMAT;
      styleCell(cell, boldFont, rightAligned, true);
    } else {
      cell.value = value;
      styleCell(cell, boldFont, centred, true);
    }
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

  // Place and date over the right signature; the two signatures side by side.
  block(rightBlock(rowNumber), layout.placeDateLine, italicFont);
  setHeight(rowNumber, LINE_HEIGHT);
  rowNumber += 1;
  const [preparer, approver] = layout.signatures;
  block(leftBlock(rowNumber), preparer.title, boldFont);
  block(rightBlock(rowNumber), approver.title, boldFont);
  setHeight(rowNumber, LINE_HEIGHT);
  setHeight(rowNumber + 1, SIGNING_ROOM);
  rowNumber += 2;
  block(leftBlock(rowNumber), preparer.name, boldFont);
  block(rightBlock(rowNumber), approver.name, boldFont);
  setHeight(rowNumber, LINE_HEIGHT);
  rowNumber += 1;

  for (const line of layout.footerLines) {
    sheet.mergeCells(`A${rowNumber}:${lastColumn}${rowNumber}`);
    const cell = sheet.getCell(`A${rowNumber}`);
    cell.value = line;
    styleCell(cell, smallFont, { horizontal: 'left', vertical: 'middle' }, false);
    setHeight(rowNumber, SMALL_LINE_HEIGHT);
    rowNumber += 1;
  }

  paginate(sheet, heights, {
    repeatedRows: [top, second],
    // The last officers, the totals, the notes and the signatures share a page.
    keepTogetherFrom: XLSX_FIRST_DATA_ROW + Math.max(0, layout.body.length - ROWS_KEPT_WITH_TOTALS),
    lastRow: rowNumber - 1,
  });

  sheet.pageSetup.printArea = `A1:${lastColumn}${rowNumber - 1}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
