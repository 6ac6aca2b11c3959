/** A sheet as rows of trimmed cell texts; row i of the array is row i + 1 of the file. */
export type Table = string[][];

export type TableKind = 'csv' | 'xlsx';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** XLSX files are ZIP archives ("PK"); anything else is read as CSV text. */
export function sniffKind(body: Buffer): TableKind {
  return body.length >= 2 && body[0] === 0x50 && body[1] === 0x4b ? 'xlsx' : 'csv';
}

export async function readTable(body: Buffer, kind: TableKind = sniffKind(body)): Promise<Table> {
  return kind === 'xlsx' ? readXlsx(body) : parseCsv(body.toString('utf8'));
}

async function readXlsx(body: Buffer): Promise<Table> {
  // exceljs is large; only an XLSX upload needs it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
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
export function parseCsv(text: string): Table {
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
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      row.push(cell.trim());
      table.push(row);
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

/** A percent-encoded name is decoded; a name that only contains `%` (`50%.csv`) is kept as sent. */
export function decodeFileName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** The file part of a multipart/form-data body (the first part that has a filename). */
export function fileFromMultipart(body: Buffer, contentType: string): { data: Buffer; fileName: string } | null {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const fileName = /filename\*?=(?:UTF-8'')?"?([^";\r\n]+)"?/i.exec(headers)?.[1];
      if (fileName) {
        // Drop the CRLF that precedes the next boundary.
        const data = part.subarray(headerEnd + 4, part.length - 2);
        return { data: Buffer.from(data), fileName: decodeFileName(fileName) };
      }
    }
    start = next;
  }
  return null;
}
