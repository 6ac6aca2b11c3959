/**
 * Readers the tests use to open each exported file the way another program would, so the
 * comparison is with what a user gets, not with what the exporter meant to write.
 */
import JSZip from 'jszip';
import { formatCount } from '../../../shared/domain/text.ts';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';

/** The printed cells of each data row, built from the model alone (not from the exporter's layout). */
export function expectedPrintedRows(report: PhuLuc2Report): string[][] {
  return report.rows.map((row) => [
    String(row.stt),
    row.fullName.normalize('NFC'),
    row.agencyName.normalize('NFC'),
    ...row.counts.map(formatCount),
    row.note.normalize('NFC'),
  ]);
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
export function parseCsv(text: string, delimiter: ',' | ';' = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_match, name: string) => ENTITIES[name] ?? '');
}

export interface DocxCell {
  text: string;
  gridSpan: number;
  /** 'restart' starts a vertical merge, 'continue' is a cell covered by the one above. */
  vMerge: 'restart' | 'continue' | null;
  bold: boolean;
}
export interface DocxRow {
  isHeader: boolean;
  cells: DocxCell[];
}

export interface DocxContent {
  documentXml: string;
  stylesXml: string;
  /** The page footers' XML (page number fields). */
  footerXml: string;
  /** Paragraph texts outside tables, in order. */
  paragraphs: string[];
  tables: DocxRow[][];
}

/** Run texts in order; a tab character (<w:tab/>, not a tab-stop definition) reads as '\t'. */
function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
    .map((match) => (match[0] === '<w:tab/>' ? '\t' : unescapeXml(match[1] ?? '')))
    .join('');
}

export async function readDocx(body: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(body);
  const documentXml = await zip.file('word/document.xml')!.async('string');
  const stylesXml = await zip.file('word/styles.xml')!.async('string');
  const footers = await Promise.all(zip.file(/^word\/footer\d*\.xml$/).map((file) => file.async('string')));
  const footerXml = footers.join('\n');
  const tables = [...documentXml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((table) =>
    [...(table[1] ?? '').matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((row): DocxRow => {
      const rowXml = row[1] ?? '';
      return {
        isHeader: /<w:tblHeader\/>/.test(rowXml),
        cells: [...rowXml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell): DocxCell => {
          const cellXml = cell[1] ?? '';
          const span = /<w:gridSpan w:val="(\d+)"\/>/.exec(cellXml);
          const merge = /<w:vMerge(?: w:val="(\w+)")?\/>/.exec(cellXml);
          return {
            text: textOf(cellXml),
            gridSpan: span ? Number(span[1]) : 1,
            vMerge: merge ? (merge[1] === 'restart' ? 'restart' : 'continue') : null,
            bold: /<w:b\/>/.test(cellXml),
          };
        }),
      };
    }),
  );
  const outside = documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '').replace(/<w:ftr[\s\S]*?<\/w:ftr>/g, '');
  const paragraphs = [...outside.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((match) =>
    textOf(match[1] ?? ''),
  );
  return { documentXml, stylesXml, footerXml, paragraphs, tables };
}

export interface PdfContent {
  pages: { width: number; height: number; text: string }[];
}

/**
 * Text as pdf.js extracts it (what a reader's copy-paste or search sees), one string per
 * page, the text pieces in drawing order joined by single spaces.
 */
export async function readPdf(body: Buffer): Promise<PdfContent> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(body), isEvalSupported: false, verbosity: 0 })
    .promise;
  const pages: PdfContent['pages'] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const content = await page.getTextContent();
    const pieces = content.items.map((item) => ('str' in item ? item.str : '')).filter((str) => str.trim() !== '');
    pages.push({ width: x1 - x0, height: y1 - y0, text: pieces.join(' ').replace(/\s+/g, ' ') });
  }
  await document.destroy();
  return { pages };
}
