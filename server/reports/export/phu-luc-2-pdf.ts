import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { PdfTableWriter, type PdfCell, type PdfHeaderCell } from './pdf-table.ts';
import { phuLuc2Layout } from './phu-luc-2-layout.ts';

const TITLE_SIZE = 13;
const TABLE_SIZE = 12;
const NOTE_GAP = 10;

export async function phuLuc2Pdf(report: PhuLuc2Report): Promise<Buffer> {
  const layout = phuLuc2Layout(report);
  const writer = new PdfTableWriter(layout.columnWidths, TABLE_SIZE, layout.titleLines.join(' '));
  layout.titleLines.forEach((line) => {
    writer.paragraph(line, { bold: true, size: TITLE_SIZE });
  });
  writer.paragraph(layout.periodLine, { size: TITLE_SIZE, gapAfter: 12 });

  const noteColumn = layout.columnCount - 1;
  const header: PdfHeaderCell[] = [
    { text: layout.header.stt, column: 0, row: 0, rowSpan: 2 },
    { text: layout.header.fullName, column: 1, row: 0, rowSpan: 2 },
    { text: layout.header.agency, column: 2, row: 0, rowSpan: 2 },
    { text: layout.header.ratings, column: layout.firstLevelColumn, row: 0, span: layout.levelCount },
    ...layout.levelLabels.map((label, index) => ({ text: label, column: layout.firstLevelColumn + index, row: 1 })),
    { text: layout.header.note, column: noteColumn, row: 0, rowSpan: 2 },
  ].map((cell) => ({ ...cell, bold: true, align: 'center' as const }));
  writer.setHeader(header, 2);

  const isLevel = (index: number): boolean =>
    index >= layout.firstLevelColumn && index < layout.firstLevelColumn + layout.levelCount;
  const totals: PdfCell[] = [
    { text: layout.totalsLabel, span: layout.totalsLabelSpan, bold: true, align: 'center' },
    ...layout.totals.slice(layout.totalsLabelSpan).map((text): PdfCell => ({ text, bold: true, align: 'right' })),
  ];
  // The totals row and the misuse line never start a page alone: the last officer goes with them.
  const totalsHeight = writer.heightOfRow(totals) + NOTE_GAP + writer.heightOfParagraph(layout.misuseLine, TABLE_SIZE);
  layout.body.forEach((cells, rowIndex) => {
    const isLast = rowIndex === layout.body.length - 1;
    writer.row(
      cells.map((text, index): PdfCell => ({
        text,
        align: index === 0 ? 'center' : isLevel(index) ? 'right' : 'left',
      })),
      isLast ? totalsHeight : 0,
    );
  });
  writer.row(totals);

  writer.gap(NOTE_GAP);
  writer.paragraph(layout.misuseLine, { size: TABLE_SIZE, align: 'left', gapAfter: 4 });
  for (const line of layout.footerLines) writer.paragraph(line, { size: 10, align: 'left' });
  return writer.finish();
}
