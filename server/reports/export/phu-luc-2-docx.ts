import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  type IRunOptions,
  WidthType,
} from 'docx';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { phuLuc2Layout } from './phu-luc-2-layout.ts';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = 'Times New Roman';
/** docx sizes are half-points: 26 = 13 pt, 22 = 11 pt. */
const SIZE = 26;
const SMALL = 22;
/** A4 in twips (portrait numbers; docx swaps them for landscape). */
const A4_SHORT = 11906;
const A4_LONG = 16838;
const MARGIN = 1134; // 2 cm
const MARGIN_TOP_BOTTOM = 850; // 1.5 cm: room for a typical centre on one page
const TEXT_WIDTH = A4_LONG - 2 * MARGIN;
/** Officers kept on the page of the totals and signatures: never the totals alone. */
const ROWS_KEPT_WITH_TOTALS = 2;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

const single = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const cellBorders = { top: single, bottom: single, left: single, right: single };

function line(
  text: string,
  options: { bold?: boolean; align?: Align; size?: number; italics?: boolean } = {},
): Paragraph {
  const run: IRunOptions = {
    text,
    bold: options.bold === true,
    italics: options.italics === true,
    size: options.size ?? SIZE,
  };
  return new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    children: [new TextRun(run)],
  });
}

/** A line that stays on the page of what follows it (the signature block keeps with the table). */
function keptLine(text: string, options: { align?: Align }): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.LEFT,
    keepNext: true,
    children: [new TextRun({ text, size: SIZE })],
  });
}

function cell(
  text: string,
  width: number,
  options: { bold?: boolean; align?: Align; rowSpan?: number; columnSpan?: number } = {},
): TableCell {
  return new TableCell({
    children: [line(text, { bold: options.bold ?? false, align: options.align ?? AlignmentType.LEFT })],
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    borders: cellBorders,
    ...(options.rowSpan === undefined ? {} : { rowSpan: options.rowSpan }),
    ...(options.columnSpan === undefined ? {} : { columnSpan: options.columnSpan }),
  });
}

/**
 * One line of two texts, each centred over its half (issuing body | annex label, the two
 * signatures): centre tab stops, which Word keeps when the centre edits the text.
 */
function twoBlocks(
  leftText: string,
  rightText: string,
  centres: { left: number; right: number },
  options: { bold?: boolean; boldRight?: boolean; keepNext?: boolean; italics?: boolean } = {},
): Paragraph {
  const run = (text: string, bold: boolean): TextRun => {
    const runOptions: IRunOptions = { text, bold, italics: options.italics === true, size: SIZE };
    return new TextRun(runOptions);
  };
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    keepNext: options.keepNext === true,
    tabStops: [
      { type: TabStopType.CENTER, position: centres.left },
      { type: TabStopType.CENTER, position: centres.right },
    ],
    children: [
      new TextRun({ children: [new Tab()] }),
      run(leftText, options.bold === true),
      new TextRun({ children: [new Tab()] }),
      run(rightText, options.boldRight ?? options.bold === true),
    ],
  });
}

/** A real Word table (not tabs or an image) so a centre can paste it into its report and edit it. */
export async function phuLuc2Docx(report: PhuLuc2Report): Promise<Buffer> {
  const layout = phuLuc2Layout(report);
  const unit = layout.columnWidths.reduce((sum, width) => sum + width, 0);
  const widths = layout.columnWidths.map((width) => Math.floor((width / unit) * TEXT_WIDTH));
  const widthOf = (index: number): number => widths[index] ?? 0;
  const levelIndexes = layout.levelLabels.map((_label, index) => layout.firstLevelColumn + index);
  const levelsWidth = levelIndexes.reduce((sum, index) => sum + widthOf(index), 0);
  const noteIndex = layout.columnCount - 1;
  const isLevel = (index: number): boolean =>
    index >= layout.firstLevelColumn && index < layout.firstLevelColumn + layout.levelCount;

  const headerTop = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      cell(layout.header.stt, widthOf(0), { bold: true, align: AlignmentType.CENTER, rowSpan: 2 }),
      cell(layout.header.fullName, widthOf(1), { bold: true, align: AlignmentType.CENTER, rowSpan: 2 }),
      cell(layout.header.agency, widthOf(2), { bold: true, align: AlignmentType.CENTER, rowSpan: 2 }),
      cell(layout.header.ratings, levelsWidth, {
        bold: true,
        align: AlignmentType.CENTER,
        columnSpan: layout.levelCount,
      }),
      cell(layout.header.note, widthOf(noteIndex), { bold: true, align: AlignmentType.CENTER, rowSpan: 2 }),
    ],
  });
  const headerSecond = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: layout.levelLabels.map((label, index) =>
      cell(label, widthOf(layout.firstLevelColumn + index), { bold: true, align: AlignmentType.CENTER }),
    ),
  });
  const keptFrom = Math.max(0, layout.body.length - ROWS_KEPT_WITH_TOTALS);
  const bodyRows = layout.body.map(
    (cells, rowIndex) =>
      new TableRow({
        cantSplit: true,
        // Word keeps a row with the next when its paragraphs keep with next: the last officers and the totals stay together.
        keepNext: rowIndex >= keptFrom,
        children: cells.map((text, index) =>
          cell(text, widthOf(index), {
            align: index === 0 ? AlignmentType.CENTER : isLevel(index) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          }),
        ),
      }),
  );
  const labelWidth = widthOf(0) + widthOf(1) + widthOf(2);
  const totalsRow = new TableRow({
    cantSplit: true,
    keepNext: true,
    children: [
      cell(layout.totalsLabel, labelWidth, {
        bold: true,
        align: AlignmentType.CENTER,
        columnSpan: layout.totalsLabelSpan,
      }),
      ...layout.totals
        .slice(layout.totalsLabelSpan)
        .map((text, offset) =>
          cell(text, widthOf(layout.totalsLabelSpan + offset), { bold: true, align: AlignmentType.RIGHT }),
        ),
    ],
  });

  const table = new Table({
    rows: [headerTop, headerSecond, ...bodyRows, totalsRow],
    width: { size: widths.reduce((sum, width) => sum + width, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { top: 40, bottom: 40, left: 90, right: 90 },
  });

  const leftWidth = widths.slice(0, layout.firstLevelColumn).reduce((sum, width) => sum + width, 0);
  const rightWidth = widths.slice(layout.firstLevelColumn).reduce((sum, width) => sum + width, 0);
  const centres = { left: Math.round(leftWidth / 2), right: Math.round(leftWidth + rightWidth / 2) };
  const [preparer, approver] = layout.signatures;
  const rightLabel = layout.annexAlign === 'right' ? layout.annexLabel : '';
  const heading: Paragraph[] = [
    // The issuing body regular, the centre under it bold (a lone line is the centre); the label bold.
    twoBlocks(layout.issuingLines[0] ?? '', rightLabel, centres, {
      bold: layout.issuingLines.length === 1,
      boldRight: true,
    }),
    ...layout.issuingLines.slice(1).map((text) => twoBlocks(text, '', centres, { bold: true })),
    ...(layout.annexLabel !== '' && layout.annexAlign === 'center' ? [line(layout.annexLabel, { bold: true })] : []),
    line(''),
  ];

  const document = new Document({
    creator: 'hailong',
    title: layout.titleLines.join(' '),
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZE },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_SHORT, height: A4_LONG, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN_TOP_BOTTOM, bottom: MARGIN_TOP_BOTTOM, left: MARGIN, right: MARGIN, footer: 425 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ size: SMALL, children: ['Trang ', PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...heading,
          ...layout.titleLines.map((text) => line(text, { bold: true })),
          line(layout.periodLine),
          line(''),
          table,
          keptLine('', {}),
          keptLine(layout.misuseLine, { align: AlignmentType.LEFT }),
          twoBlocks('', layout.placeDateLine, centres, { italics: true, keepNext: true }),
          twoBlocks(preparer.title, approver.title, centres, { bold: true, keepNext: true }),
          keptLine('', {}),
          keptLine('', {}),
          keptLine('', {}),
          twoBlocks(preparer.name, approver.name, centres, { bold: true, keepNext: layout.footerLines.length > 0 }),
          ...layout.footerLines.map((text) => line(text, { align: AlignmentType.LEFT, size: SMALL, italics: true })),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
