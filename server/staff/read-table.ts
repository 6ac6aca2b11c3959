/** A sheet as rows of trimmed cell texts; row i of the array is row i + 1 of the file. */
export type Table = string[][];

export type TableKind = 'csv' | 'xlsx';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** XLSX files are ZIP archives ("PK"); anything else is read as CSV text. */
export function sniffKind(body: Buffer): TableKind {
  return body.length >= 2 && body[0] === 0x50 && body[1] === 0x4b ? 'xlsx' : 'csv';
}

/** The most rows and columns a sheet may have; reading stops as soon as one is passed. */
export interface TableLimits {
  rows: number;
  columns: number;
}

/** A sheet with more rows or columns than its limits: refused before it is read whole. */
export class TableTooLargeError extends Error {
  constructor(readonly limits: TableLimits) {
    super(`more than ${limits.rows} rows or ${limits.columns} columns`);
    this.name = 'TableTooLargeError';
  }
}

const NO_LIMITS: TableLimits = { rows: Number.POSITIVE_INFINITY, columns: Number.POSITIVE_INFINITY };

export async function readTable(
  body: Buffer,
  kind: TableKind = sniffKind(body),
  limits: TableLimits = NO_LIMITS,
): Promise<Table> {
  return kind === 'xlsx' ? readXlsx(body, limits) : parseCsv(body.toString('utf8'), limits);
}

async function readXlsx(body: Buffer, limits: TableLimits): Promise<Table> {
  // exceljs is large; only an XLSX upload needs it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > limits.rows || sheet.columnCount > limits.columns) throw new TableTooLargeError(limits);
  const table: Table = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(sheet.columnCount, row.cellCount); c += 1) {
      const cell = row.getCell(c);
      // A merged cell's other parts repeat the master's value; only the master is read.
      cells.push(cell.isMerged && cell.master !== cell ? '' : cell.text.trim());
    }
    table.push(cells);
  }
  return table;
}

/** RFC 4180 with a BOM, `,` `;` or tab separators (Excel in Vietnamese locales writes `;`). */
export function parseCsv(text: string, limits: TableLimits = NO_LIMITS): Table {
  const source = text.replace(/^\uFEFF/, '');
  // The separator is the one that occurs most outside quotes ("Cơ quan, đơn vị" is quoted).
  const sample = source.slice(0, 8192).replace(/"(?:[^"]|"")*"/g, '');
  const delimiter = [',', ';', '\t']
    .map((d) => [d, sample.split(d).length] as const)
    .sort((a, b) => b[1] - a[1])[0]![0];
  const table: Table = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell.trim());
      cell = '';
      if (row.length >= limits.columns) throw new TableTooLargeError(limits);
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      row.push(cell.trim());
      table.push(row);
      if (table.length > limits.rows) throw new TableTooLargeError(limits);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell.trim());
    table.push(row);
  }
  return table;
}
