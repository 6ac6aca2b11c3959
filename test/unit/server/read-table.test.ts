import { describe, expect, it } from 'vitest';
import { parseCsv, sniffKind, TableTooLargeError } from '../../../server/staff/read-table.ts';
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
    expect(findHeader(good)).toEqual({ row: 1, nameCol: 1, agencyCol: 2, codeCol: -1 });
    expect(findHeader(parseCsv('Họ và tên,"Cơ quan, đơn vị",MÃ CÁN BỘ\n'))).toEqual({
      row: 0,
      nameCol: 0,
      agencyCol: 1,
      codeCol: 2,
    });
  });
});

describe('uploads', () => {
  it('tells XLSX from CSV by its ZIP signature', () => {
    expect(sniffKind(Buffer.from('PK\u0003\u0004'))).toBe('xlsx');
    expect(sniffKind(Buffer.from('Họ và tên'))).toBe('csv');
  });

  it('stops reading a CSV as soon as it has more rows or columns than allowed', () => {
    const limits = { rows: 3, columns: 4 };
    expect(parseCsv('a,b,c,d\n1,2,3,4\n5,6,7,8\n', limits)).toHaveLength(3);
    expect(() => parseCsv('a,b,c,d\n1,2,3,4\n5,6,7,8\n9,9,9,9\n', limits)).toThrow(TableTooLargeError);
    expect(() => parseCsv('a,b,c,d,e\n', limits)).toThrow(TableTooLargeError);
  });
});
