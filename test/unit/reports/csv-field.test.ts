import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../../server/reports/export/csv.ts';

describe('CSV fields (issue 9 item 11)', () => {
  it('quotes a field holding a semicolon, so Excel with ";" as separator keeps it in one cell', () => {
    expect(csvField('Sở Tư pháp; Sở Nội vụ')).toBe('"Sở Tư pháp; Sở Nội vụ"');
  });

  it('guards a formula hidden after a semicolon or leading spaces', () => {
    expect(csvField('An;=HYPERLINK("http://x")')).toBe('"An;=HYPERLINK(""http://x"")"');
    expect(csvField('  =1+1')).toBe("'  =1+1");
    expect(csvField('=1+1')).toBe("'=1+1");
  });

  it('leaves plain names and numbers as they are', () => {
    expect(csvField('Nguyễn Văn An')).toBe('Nguyễn Văn An');
    expect(csvField(1204)).toBe('1204');
    expect(toCsv([['a;b', 1]]).toString('utf8')).toBe('\uFEFF"a;b",1\r\n');
  });
});
