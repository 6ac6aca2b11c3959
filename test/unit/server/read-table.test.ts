import { describe, expect, it } from 'vitest';
import { fileFromMultipart, parseCsv, sniffKind } from '../../../server/staff/read-table.ts';
import { findHeader } from '../../../server/staff/staff-import.ts';

describe('parseCsv', () => {
  it('reads quoted cells, doubled quotes, CRLF, a BOM and semicolons', () => {
    expect(parseCsv('\uFEFFSTT;"Họ và tên";"Cơ quan, đơn vị"\r\n1;"Lê ""Út"" Văn";Sở Y tế\r\n')).toEqual([
      ['STT', 'Họ và tên', 'Cơ quan, đơn vị'],
      ['1', 'Lê "Út" Văn', 'Sở Y tế'],
    ]);
    expect(parseCsv('a,b\n1,"x\ny"')).toEqual([
      ['a', 'b'],
      ['1', 'x\ny'],
    ]);
  });

  it('finds the header row below title rows, whatever the case, spacing or normal form', () => {
    const table = parseCsv(
      [
        'BIỂU KẾT QUẢ',
        '(Từ ngày 01/01/2021 đến 14/6/2021)',
        `STT,${'HỌ  VÀ TÊN'.normalize('NFD')}," cơ quan,đơn vị"`,
      ].join('\n'),
    );
    // "cơ quan,đơn vị" without the space is a different label: not a match.
    expect(findHeader(table)).toBeNull();
    const good = parseCsv(['Tiêu đề', `STT,${'HỌ  VÀ TÊN'.normalize('NFD')}," Cơ quan,  đơn vị "`].join('\n'));
    expect(findHeader(good)).toEqual({ row: 1, nameCol: 1, agencyCol: 2 });
  });
});

describe('uploads', () => {
  it('tells XLSX from CSV by its ZIP signature', () => {
    expect(sniffKind(Buffer.from('PK\u0003\u0004'))).toBe('xlsx');
    expect(sniffKind(Buffer.from('Họ và tên'))).toBe('csv');
  });

  it('takes the file part of a multipart body', () => {
    const body = Buffer.from(
      '--XYZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n' +
        '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="cán-bộ.csv"\r\nContent-Type: text/csv\r\n\r\n' +
        'a,b\r\n1,2\r\n--XYZ--\r\n',
    );
    const file = fileFromMultipart(body, 'multipart/form-data; boundary=XYZ');
    expect(file?.fileName).toBe('cán-bộ.csv');
    expect(file?.data.toString()).toBe('a,b\r\n1,2');
  });

  it('keeps a file name with a bare % as sent, and decodes a percent-encoded one', () => {
    const upload = (name: string) =>
      fileFromMultipart(
        Buffer.from(
          `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\na,b\r\n--XYZ--\r\n`,
        ),
        'multipart/form-data; boundary=XYZ',
      );
    expect(upload('50%.csv')?.fileName).toBe('50%.csv');
    expect(upload('danh%20s%C3%A1ch.csv')?.fileName).toBe('danh sách.csv');
  });
});
