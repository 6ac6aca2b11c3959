import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { PdfTableWriter, type PdfBlock, type PdfCell, type PdfHeaderCell } from './pdf-table.ts';
import { phuLuc2Layout, type PhuLuc2Layout } from './phu-luc-2-layout.ts';

/**
 * The usual look, and the compact one tried when the usual one spills onto a second page: a
 * typical centre (about 21 officers) then fits one A4 page; a longer report pages at the usual size.
 */
const USUAL = { title: 13, table: 12, signingRoom: 40, padY: 2.5 };
const COMPACT = { title: 11.5, table: 10, signingRoom: 24, padY: 1.2 };
type Look = typeof USUAL;
const NOTE_GAP = 6;
/** Officers kept on the page of the totals and signatures: never the totals alone. */
const ROWS_KEPT_WITH_TOTALS = 2;

export async function phuLuc2Pdf(report: PhuLuc2Report): Promise<Buffer> {
  const layout = phuLuc2Layout(report);
  const usual = draw(layout, USUAL);
  if (usual.pageCount === 1) return usual.finish();
  const compact = draw(layout, COMPACT);
  if (compact.pageCount === 1) {
    void usual.finish(); // ends the discarded document's stream
    return compact.finish();
  }
  void compact.finish();
  return usual.finish();
}

function draw(layout: PhuLuc2Layout, look: Look): PdfTableWriter {
  const tableSize = look.table;
  const TITLE_SIZE = look.title;
  const SIGNING_ROOM = look.signingRoom;
  const writer = new PdfTableWriter(layout.columnWidths, tableSize, layout.titleLines.join(' '), look.padY);
  const left = { column: 0, span: layout.firstLevelColumn };
  const right = { column: layout.firstLevelColumn, span: layout.columnCount - layout.firstLevelColumn };
  const heading: PdfBlock[] = [
    { ...left, lines: layout.issuingLines.map((text, index, all) => ({ text, bold: index === all.length - 1 })) },
  ];
  if (layout.annexLabel !== '' && layout.annexAlign === 'right') {
    heading.push({ ...right, lines: [{ text: layout.annexLabel, bold: true }] });
  }
  writer.blocks(heading, TITLE_SIZE, 4);
  if (layout.annexLabel !== '' && layout.annexAlign === 'center') {
    writer.paragraph(layout.annexLabel, { bold: true, size: TITLE_SIZE, gapAfter: 2 });
  }
  layout.titleLines.forEach((line) => {
    writer.paragraph(line, { bold: true, size: TITLE_SIZE });
  });
  writer.paragraph(layout.periodLine, { size: TITLE_SIZE, gapAfter: 8 });

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
  const [preparer, approver] = layout.signatures;
  const dateBlock: PdfBlock[] = [{ ...right, lines: [{ text: layout.placeDateLine }] }];
  const signatures: PdfBlock[] = [preparer, approver].map((signature, index) => ({
    ...(index === 0 ? left : right),
    lines: [
      { text: signature.title, bold: true },
      { text: '', room: SIGNING_ROOM },
      { text: signature.name, bold: true },
    ],
  }));
  const rows = layout.body.map((cells) =>
    cells.map((text, index): PdfCell => ({ text, align: index === 0 ? 'center' : isLevel(index) ? 'right' : 'left' })),
  );
  // The last officers, the totals, the notes and the signatures share a page.
  const tail =
    writer.heightOfRow(totals) +
    NOTE_GAP +
    writer.heightOfParagraph(layout.misuseLine, tableSize) +
    4 +
    writer.heightOfBlocks(dateBlock, tableSize) +
    writer.heightOfBlocks(signatures, tableSize);
  const keptFrom = Math.max(0, rows.length - ROWS_KEPT_WITH_TOTALS);
  rows.forEach((cells, rowIndex) => {
    const keep =
      rowIndex === keptFrom
        ? rows.slice(rowIndex + 1).reduce((sum, later) => sum + writer.heightOfRow(later), 0) + tail
        : 0;
    writer.row(cells, keep);
  });
  writer.row(totals);

  writer.gap(NOTE_GAP);
  writer.paragraph(layout.misuseLine, { size: tableSize, align: 'left', gapAfter: 4 });
  writer.blocks(dateBlock, tableSize);
  writer.blocks(signatures, tableSize, 4);
  for (const line of layout.footerLines) writer.paragraph(line, { size: 8, align: 'left' });
  return writer;
}
