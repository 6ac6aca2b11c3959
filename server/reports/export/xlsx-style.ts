import type { Alignment, Borders, Cell, Font, PaperSize, Workbook, Worksheet } from 'exceljs';

/** The look every XLSX export shares: Times New Roman 13, thin borders, A4 landscape. */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const FONT_NAME = 'Times New Roman';
export const FONT_SIZE = 13;

export const bodyFont: Partial<Font> = { name: FONT_NAME, size: FONT_SIZE };
export const boldFont: Partial<Font> = { name: FONT_NAME, size: FONT_SIZE, bold: true };
export const smallFont: Partial<Font> = { name: FONT_NAME, size: 11, italic: true };

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
export const thinBorder: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export const centred: Partial<Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
// indent 1 keeps text off the cell borders, as a typed Word table would.
export const leftWrapped: Partial<Alignment> = { horizontal: 'left', vertical: 'middle', wrapText: true, indent: 1 };
export const rightAligned: Partial<Alignment> = { horizontal: 'right', vertical: 'middle', indent: 1 };

export function styleCell(cell: Cell, font: Partial<Font>, alignment: Partial<Alignment>, bordered: boolean): void {
  cell.font = font;
  cell.alignment = alignment;
  if (bordered) cell.border = thinBorder;
}

/** exceljs declares PaperSize as an ambient const enum, which isolated modules cannot read. */
const A4_PAPER = 9 as unknown as PaperSize;

/** A4 (paperSize 9) landscape, fitted to one page wide, the header rows repeated on every page. */
export function setUpA4Landscape(sheet: Worksheet, headerRows: string): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: A4_PAPER,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: headerRows,
    margins: { left: 0.5, right: 0.5, top: 0.45, bottom: 0.55, header: 0.2, footer: 0.25 },
  };
  sheet.headerFooter.oddFooter = `&C&"${FONT_NAME},Regular"&11Trang &P/&N`;
}

/** Table rows get a little air above and below the 13 pt text. */
export const ROW_HEIGHT = 18;

/**
 * Excel and LibreOffice do not grow a row for wrapped text they did not lay out themselves,
 * so the height is estimated: 13 pt Times fits ~1.2 characters per unit of column width
 * (measured on the LibreOffice render), less the indent.
 */
export function wrappedRowHeight(texts: { text: string; width: number }[], fontSize = FONT_SIZE): number | undefined {
  const lines = Math.max(
    1,
    ...texts.map(({ text, width }) => Math.ceil((text.length * 0.85) / Math.max(1, width - 2))),
  );
  return lines > 1 ? lines * fontSize * 1.25 + 5 : undefined;
}

/** Spreadsheet column letter for a 1-based index (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let n = index;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * Counts as real numbers that still print "1.204" on any PC: '#,##0' would show the PC's own
 * separator (a comma on most office PCs here), so the dot is a literal under value conditions.
 * Excel and LibreOffice both honour the conditions; SUM over the cells works.
 */
export const COUNT_FORMAT = '[>=1000000]#\\.###\\.##0;[>=1000]#\\.##0;0';
/** A share or an index on a working sheet: one decimal. */
export const PERCENT_FORMAT = '0.0';

/** The row of the column headings on a working sheet, under the title and the period. */
export const WORKING_HEADER_ROW = 4;

/**
 * A working sheet (coverage, national scale), unlike the filed annex, is sorted and filtered by
 * a supervisor: title and period merged above a bold header row that stays frozen and repeats
 * on every printed page.
 */
export function addWorkingSheet(
  workbook: Workbook,
  name: string,
  {
    title,
    periodLine,
    header,
    widths,
  }: { title: string; periodLine: string; header: readonly string[]; widths: number[] },
): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: WORKING_HEADER_ROW }] });
  setUpA4Landscape(sheet, `${WORKING_HEADER_ROW}:${WORKING_HEADER_ROW}`);
  sheet.columns = widths.map((width) => ({ width }));
  const last = columnLetter(widths.length);
  [title, periodLine].forEach((text, index) => {
    sheet.mergeCells(`A${index + 1}:${last}${index + 1}`);
    const cell = sheet.getCell(`A${index + 1}`);
    cell.value = text;
    styleCell(cell, index === 0 ? boldFont : bodyFont, centred, false);
  });
  const row = sheet.getRow(WORKING_HEADER_ROW);
  header.forEach((text, index) => {
    const cell = row.getCell(index + 1);
    cell.value = text;
    styleCell(cell, boldFont, centred, true);
  });
  row.height = wrappedRowHeight(header.map((text, index) => ({ text, width: widths[index] ?? 10 }))) ?? 20;
  return sheet;
}

/** Below this print scale a report is paged at 100 % instead of shrunk onto one page. */
const MIN_ONE_PAGE_SCALE = 0.72;

/** Page margins of setUpA4Landscape, in points, and the A4 short side. */
const A4_SHORT_SIDE_PT = 595.28;
const MARGIN_TOP_BOTTOM_PT = (0.45 + 0.55) * 72;
/** Room kept free on each page for rounding differences between Excel and LibreOffice. */
const PAGE_SAFETY_PT = 14;

/**
 * Places the page breaks itself, from the row heights it set, because neither Excel nor
 * LibreOffice can keep rows together: left to them, the note under the table can land alone
 * on a last page under a repeated header. `keepTogetherFrom` starts the block (last officer,
 * totals, notes) that must share a page. Needs every row's height and a 100 % print scale.
 */
export function fitsOnOnePage(rowHeights: Map<number, number>, lastRow: number): boolean {
  let total = 0;
  for (let row = 1; row <= lastRow; row += 1) total += rowHeights.get(row) ?? FONT_SIZE * 1.3;
  return total * MIN_ONE_PAGE_SCALE <= A4_SHORT_SIDE_PT - MARGIN_TOP_BOTTOM_PT - PAGE_SAFETY_PT;
}

/**
 * A typical centre (about 21 officers) prints on one page, shrunk a little by the program;
 * a longer report is paged at 100 % by placePageBreaks.
 */
export function paginate(
  sheet: Worksheet,
  rowHeights: Map<number, number>,
  options: { repeatedRows: [number, number]; keepTogetherFrom: number; lastRow: number },
): number[] {
  if (fitsOnOnePage(rowHeights, options.lastRow)) {
    sheet.pageSetup.fitToHeight = 1;
    return [];
  }
  return placePageBreaks(sheet, rowHeights, options);
}

export function placePageBreaks(
  sheet: Worksheet,
  rowHeights: Map<number, number>,
  options: { repeatedRows: [number, number]; keepTogetherFrom: number; lastRow: number },
): number[] {
  const pageHeight = A4_SHORT_SIDE_PT - MARGIN_TOP_BOTTOM_PT - PAGE_SAFETY_PT;
  const heightOf = (row: number): number => rowHeights.get(row) ?? FONT_SIZE * 1.3;
  const [firstRepeated, lastRepeated] = options.repeatedRows;
  let repeated = 0;
  for (let row = firstRepeated; row <= lastRepeated; row += 1) repeated += heightOf(row);
  let tail = 0;
  for (let row = options.keepTogetherFrom; row <= options.lastRow; row += 1) tail += heightOf(row);

  const breaks: number[] = [];
  let used = 0;
  for (let row = 1; row <= options.lastRow; row += 1) {
    const need = row === options.keepTogetherFrom ? tail : heightOf(row);
    if (used + need > pageHeight && row > lastRepeated + 1) {
      // max 16383: the last column Excel knows (exceljs would write 16838 by default).
      sheet.getRow(row - 1).addPageBreak(0, 16384);
      breaks.push(row - 1);
      used = repeated;
    }
    if (row === options.keepTogetherFrom) break;
    used += need;
  }
  return breaks;
}
