import PDFDocument from 'pdfkit';
import { serifFontFiles } from './fonts.ts';

/**
 * A small table engine over pdfkit, shared by the PDF exports: A4 landscape, the bundled
 * serif, bordered cells that wrap, header rows repeated on every page, "Trang 1/3" footers.
 */
export const PDF_CONTENT_TYPE = 'application/pdf';

export type PdfAlign = 'left' | 'center' | 'right';

/** One drawn cell; `span` columns wide. */
export interface PdfCell {
  text: string;
  span?: number;
  bold?: boolean;
  align?: PdfAlign;
}

/** A header block: rows of cells where a cell may also span rows (`rowSpan`). */
export interface PdfHeaderCell extends PdfCell {
  column: number;
  row: number;
  rowSpan?: number;
}

/** Lines centred over a run of table columns; an empty line leaves `room` points (room to sign). */
export interface PdfBlock {
  column: number;
  span: number;
  lines: { text: string; bold?: boolean; room?: number }[];
}

const REGULAR = 'serif';
const BOLD = 'serif-bold';
export const PAGE_MARGIN = { top: 32, bottom: 40, left: 36, right: 36 };
const PAD_X = 4;
/** Space above and below a cell's text; a compact page uses less (see the constructor). */
const PAD_Y = 2.5;

export class PdfTableWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly left: number;
  readonly width: number;
  readonly columnX: number[];
  readonly columnWidths: number[];
  y: number;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(
    relativeWidths: number[],
    readonly fontSize: number,
    title: string,
    private readonly padY = PAD_Y,
  ) {
    const fonts = serifFontFiles();
    this.doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margins: PAGE_MARGIN,
      bufferPages: true,
      info: { Title: title, Creator: 'hailong' },
    });
    this.doc.registerFont(REGULAR, fonts.regular);
    this.doc.registerFont(BOLD, fonts.bold);
    this.doc.font(REGULAR);
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => {
        resolve(Buffer.concat(this.chunks));
      });
      this.doc.on('error', reject);
    });
    this.left = PAGE_MARGIN.left;
    this.width = this.doc.page.width - PAGE_MARGIN.left - PAGE_MARGIN.right;
    const unit = relativeWidths.reduce((sum, width) => sum + width, 0);
    this.columnWidths = relativeWidths.map((width) => (width / unit) * this.width);
    this.columnX = [];
    let x = this.left;
    for (const width of this.columnWidths) {
      this.columnX.push(x);
      x += width;
    }
    this.y = PAGE_MARGIN.top;
  }

  get bottom(): number {
    return this.doc.page.height - PAGE_MARGIN.bottom;
  }

  /** A full-width line of text outside the table (title, period, notes). */
  paragraph(text: string, options: { bold?: boolean; size?: number; align?: PdfAlign; gapAfter?: number } = {}): void {
    const size = options.size ?? this.fontSize;
    this.doc.font(options.bold ? BOLD : REGULAR).fontSize(size);
    const height = this.doc.heightOfString(text, { width: this.width });
    if (this.y + height > this.bottom) this.newPage();
    this.doc.text(text, this.left, this.y, { width: this.width, align: options.align ?? 'center' });
    this.y += height + (options.gapAfter ?? 0);
  }

  heightOfParagraph(text: string, size: number, bold = false): number {
    this.doc.font(bold ? BOLD : REGULAR).fontSize(size);
    return this.doc.heightOfString(text, { width: this.width });
  }

  /** The height `blocks` would take. */
  heightOfBlocks(blocks: readonly PdfBlock[], size: number): number {
    let tallest = 0;
    for (const block of blocks) {
      const width = this.spanWidth(block.column, block.span);
      let height = 0;
      for (const line of block.lines) {
        this.doc.font(line.bold ? BOLD : REGULAR).fontSize(size);
        height += line.text === '' ? (line.room ?? size * 1.2) : this.doc.heightOfString(line.text, { width });
      }
      tallest = Math.max(tallest, height);
    }
    return tallest;
  }

  /**
   * Text blocks side by side, each centred over its columns (issuing body and annex label at
   * the top, the signatures at the bottom); the next thing starts below the tallest.
   */
  blocks(blocks: readonly PdfBlock[], size: number, gapAfter = 0): void {
    const height = this.heightOfBlocks(blocks, size);
    if (this.y + height > this.bottom) this.newPage();
    for (const block of blocks) {
      const width = this.spanWidth(block.column, block.span);
      const x = this.columnX[block.column] ?? this.left;
      let y = this.y;
      for (const line of block.lines) {
        this.doc.font(line.bold ? BOLD : REGULAR).fontSize(size);
        if (line.text === '') {
          y += line.room ?? size * 1.2;
          continue;
        }
        this.doc.text(line.text, x, y, { width, align: 'center' });
        y += this.doc.heightOfString(line.text, { width });
      }
    }
    this.y += height + gapAfter;
  }

  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  private spanWidth(column: number, span: number): number {
    let width = 0;
    for (let index = column; index < column + span; index += 1) width += this.columnWidths[index] ?? 0;
    return width;
  }

  private textHeight(cell: PdfCell, width: number): number {
    this.doc.font(cell.bold ? BOLD : REGULAR).fontSize(this.fontSize);
    return this.doc.heightOfString(cell.text === '' ? ' ' : cell.text, { width: width - 2 * PAD_X });
  }

  /** Cell borders of the current page, stroked as one path so shared edges are not drawn twice (darker). */
  private borders: [number, number, number, number][] = [];

  private strokeBorders(): void {
    if (this.borders.length === 0) return;
    for (const [x, y, width, height] of this.borders) this.doc.rect(x, y, width, height);
    this.doc.lineWidth(0.6).stroke();
    this.borders = [];
  }

  private drawCell(cell: PdfCell, x: number, y: number, width: number, height: number): void {
    this.borders.push([x, y, width, height]);
    if (cell.text === '') return;
    this.doc.font(cell.bold ? BOLD : REGULAR).fontSize(this.fontSize);
    const textHeight = this.doc.heightOfString(cell.text, { width: width - 2 * PAD_X });
    this.doc.text(cell.text, x + PAD_X, y + (height - textHeight) / 2, {
      width: width - 2 * PAD_X,
      align: cell.align ?? 'left',
      lineBreak: true,
    });
  }

  heightOfRow(cells: PdfCell[]): number {
    let column = 0;
    let height = 0;
    for (const cell of cells) {
      const span = cell.span ?? 1;
      height = Math.max(height, this.textHeight(cell, this.spanWidth(column, span)));
      column += span;
    }
    return height + 2 * this.padY;
  }

  private header: { cells: PdfHeaderCell[]; rowHeights: number[] } | null = null;

  /** Sets the header drawn now and again at the top of every following page. */
  setHeader(cells: PdfHeaderCell[], rowCount: number): void {
    const rowHeights: number[] = Array.from({ length: rowCount }, () => 0);
    for (const cell of cells.filter((c) => (c.rowSpan ?? 1) === 1)) {
      const height = this.textHeight(cell, this.spanWidth(cell.column, cell.span ?? 1)) + 2 * this.padY;
      rowHeights[cell.row] = Math.max(rowHeights[cell.row] ?? 0, height);
    }
    // A cell spanning rows only grows the last of them when its text needs more room.
    for (const cell of cells.filter((c) => (c.rowSpan ?? 1) > 1)) {
      const need = this.textHeight(cell, this.spanWidth(cell.column, cell.span ?? 1)) + 2 * this.padY;
      const span = cell.rowSpan ?? 1;
      const have = rowHeights.slice(cell.row, cell.row + span).reduce((sum, h) => sum + h, 0);
      const last = cell.row + span - 1;
      if (need > have) rowHeights[last] = (rowHeights[last] ?? 0) + need - have;
    }
    this.header = { cells, rowHeights };
    this.drawHeader();
  }

  private drawHeader(): void {
    if (!this.header) return;
    const { cells, rowHeights } = this.header;
    const rowTop = (row: number): number => this.y + rowHeights.slice(0, row).reduce((sum, h) => sum + h, 0);
    for (const cell of cells) {
      const span = cell.rowSpan ?? 1;
      const height = rowHeights.slice(cell.row, cell.row + span).reduce((sum, h) => sum + h, 0);
      this.drawCell(
        cell,
        this.columnX[cell.column] ?? this.left,
        rowTop(cell.row),
        this.spanWidth(cell.column, cell.span ?? 1),
        height,
      );
    }
    this.y += rowHeights.reduce((sum, h) => sum + h, 0);
  }

  /**
   * One table row; starts a new page (with the header again) when it does not fit, or when
   * the `keepWithNext` points that must follow it (the totals row) would not fit after it.
   */
  row(cells: PdfCell[], keepWithNext = 0): void {
    const height = this.heightOfRow(cells);
    if (this.y + height + keepWithNext > this.bottom) {
      this.newPage();
      this.drawHeader();
    }
    let column = 0;
    for (const cell of cells) {
      const span = cell.span ?? 1;
      this.drawCell(cell, this.columnX[column] ?? this.left, this.y, this.spanWidth(column, span), height);
      column += span;
    }
    this.y += height;
  }

  gap(points: number): void {
    this.y += points;
  }

  private newPage(): void {
    this.strokeBorders();
    this.doc.addPage();
    this.y = PAGE_MARGIN.top;
  }

  /** Writes "Trang i/n" on every page and returns the finished file. */
  async finish(): Promise<Buffer> {
    this.strokeBorders();
    const range = this.doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index += 1) {
      this.doc.switchToPage(index);
      // Writing below the bottom margin would make pdfkit open a new page; lift it for the footer.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc
        .font(REGULAR)
        .fontSize(10)
        .text(`Trang ${index - range.start + 1}/${range.count}`, this.left, this.doc.page.height - 28, {
          width: this.width,
          align: 'center',
          lineBreak: false,
        });
      this.doc.page.margins.bottom = margin;
    }
    this.doc.end();
    return this.done;
  }
}
