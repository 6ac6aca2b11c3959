/**
 * RFC 4180 CSV as Excel opens it: a UTF-8 byte order mark (without it Excel reads the file
 * as the PC's ANSI code page and breaks every Vietnamese letter), CRLF line ends, and
 * fields quoted when they hold a comma, a semicolon (the list separator Excel uses in a Vietnamese
 * locale, which would split the field and start a new cell), a quote or a line break.
 */
const BOM = '\uFEFF';

/**
 * Text that Excel would read as a formula (a name typed as "=HYPERLINK(…)", "+84…", "-", "@…",
 * or one starting with a tab or carriage return) gets a leading apostrophe, so it opens as text
 * and never runs. Numbers are written as they are.
 */
const FORMULA_START = /^\s*[=+\-@\t\r]/;

/**
 * `;` for files a person opens in Excel (a Vietnamese-locale Excel often reads `,` files into
 * one column), `,` for machines (the API's default). See docs/reports.md.
 */
export type CsvDelimiter = ',' | ';';

export function csvField(value: string | number, delimiter: CsvDelimiter = ','): string {
  const plain = typeof value === 'number' ? String(value) : value.normalize('NFC');
  const text = typeof value === 'string' && FORMULA_START.test(plain) ? `'${plain}` : plain;
  return /[",;\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number)[])[], delimiter: CsvDelimiter = ','): Buffer {
  const text = rows.map((row) => row.map((value) => csvField(value, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
  return Buffer.from(BOM + text, 'utf8');
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
