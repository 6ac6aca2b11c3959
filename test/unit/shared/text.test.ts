import { describe, expect, it } from 'vitest';
import { formatCount, matchKey, nfc } from '../../../shared/domain/text.ts';

describe('formatCount', () => {
  it('uses a dot as thousands separator', () => {
    expect(formatCount(1204)).toBe('1.204');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(57)).toBe('57');
    expect(formatCount(1000)).toBe('1.000');
    expect(formatCount(17507)).toBe('17.507');
    expect(formatCount(1_000_000)).toBe('1.000.000');
    expect(formatCount(-4813)).toBe('-4.813');
  });
});

describe('matchKey', () => {
  it('matches a name typed in NFC with the same name in NFD', () => {
    const composed = 'Sở Tư pháp'.normalize('NFC');
    const decomposed = 'Sở Tư pháp'.normalize('NFD');
    expect(composed).not.toBe(decomposed);
    expect(matchKey(decomposed)).toBe(matchKey(composed));
    expect(matchKey('  SỞ   TƯ  PHÁP ')).toBe(matchKey(composed));
    expect(nfc(decomposed)).toBe(composed);
  });

  it('keeps different names apart', () => {
    expect(matchKey('Sở Tư pháp')).not.toBe(matchKey('Sở Tài chính'));
    // Đ is a letter of its own, not D with a mark.
    expect(matchKey('Đức')).not.toBe(matchKey('Duc'));
  });
});
