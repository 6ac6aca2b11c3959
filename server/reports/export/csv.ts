/**
 * RFC 4180 CSV as Excel opens it: a UTF-8 byte order mark (without it Excel reads the file
 * as the PC's ANSI code page and breaks every Vietnamese letter), CRLF line ends, and
 * fields quoted only when they hold a comma, a quote or a line break.
 */
const BOM = '\uFEFF';

export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value.normalize('NFC');
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number)[])[]): Buffer {
  const text = rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.from(BOM + text, 'utf8');
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
