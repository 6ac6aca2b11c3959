import { describe, expect, it } from 'vitest';
import { numberWords, spokenLabel } from '../../../shared/domain/vietnamese-number-words.ts';

/**
 * An independent reader: turns the words back into a number by a different method (a running
 * total that multiplies on "trăm" and "nghìn"), so a wrong word or a wrong place fails the
 * round trip without repeating the implementation's rules.
 */
const VALUE: Record<string, number> = {
  không: 0,
  một: 1,
  mốt: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  lăm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
};
function readBack(words: string): number {
  let total = 0;
  let group = 0;
  let pending = 0;
  for (const word of words.split(' ')) {
    if (word in VALUE) pending = VALUE[word]!;
    else if (word === 'mười') group += 10;
    else if (word === 'mươi') {
      group += pending * 10;
      pending = 0;
    } else if (word === 'trăm') {
      group += pending * 100;
      pending = 0;
    } else if (word === 'linh') pending = 0;
    else if (word === 'nghìn') {
      total += (group + pending) * 1000;
      group = 0;
      pending = 0;
    } else throw new Error(`unexpected word ${word}`);
  }
  return total + group + pending;
}

describe('Vietnamese number words', () => {
  it('reads the issue’s examples', () => {
    expect(numberWords(1001)).toBe('một nghìn không trăm linh một');
    expect(numberWords(15)).toBe('mười lăm');
    expect(numberWords(21)).toBe('hai mươi mốt');
    expect(numberWords(24)).toBe('hai mươi tư');
    expect(numberWords(105)).toBe('một trăm linh năm');
    expect(numberWords(2025)).toBe('hai nghìn không trăm hai mươi lăm');
  });

  it('reads more hand-checked numbers', () => {
    const cases: [number, string][] = [
      [0, 'không'],
      [5, 'năm'],
      [10, 'mười'],
      [11, 'mười một'],
      [14, 'mười bốn'],
      [20, 'hai mươi'],
      [55, 'năm mươi lăm'],
      [100, 'một trăm'],
      [110, 'một trăm mười'],
      [111, 'một trăm mười một'],
      [1000, 'một nghìn'],
      [1010, 'một nghìn không trăm mười'],
      [1100, 'một nghìn một trăm'],
      [1024, 'một nghìn không trăm hai mươi tư'],
      [9999, 'chín nghìn chín trăm chín mươi chín'],
      [10_005, 'mười nghìn không trăm linh năm'],
      [1_000_001, 'một triệu không trăm linh một'],
    ];
    for (const [n, words] of cases) expect(numberWords(n), String(n)).toBe(words);
  });

  it('follows the rules for every number from 0 to 9999', () => {
    for (let n = 0; n <= 9999; n += 1) {
      const words = numberWords(n);
      const list = words.split(' ');
      const last = list.at(-1);
      const [thousands, hundreds, tens, units] = String(n).padStart(4, '0').split('').map(Number) as [
        number,
        number,
        number,
        number,
      ];
      const at = `${String(n)}: ${words}`;
      expect(readBack(words), at).toBe(n);
      expect(words, at).toBe(words.normalize('NFC'));
      // lăm after mười/mươi, năm otherwise.
      if (units === 5) expect(last, at).toBe(tens >= 1 ? 'lăm' : 'năm');
      expect(list.includes('lăm'), at).toBe(units === 5 && tens >= 1);
      // mốt after mươi only; 11 and 101 say một.
      if (units === 1) expect(last, at).toBe(tens >= 2 ? 'mốt' : 'một');
      expect(list.includes('mốt'), at).toBe(units === 1 && tens >= 2);
      // tư after mươi only.
      if (units === 4) expect(last, at).toBe(tens >= 2 ? 'tư' : 'bốn');
      expect(list.includes('tư'), at).toBe(units === 4 && tens >= 2);
      // linh fills an empty tens place between a spoken hundreds and a units digit.
      expect(list.includes('linh'), at).toBe(n >= 100 && tens === 0 && units !== 0);
      // mười for ten-something, mươi for twenty and up.
      expect(list.includes('mười'), at).toBe(tens === 1);
      expect(list.includes('mươi'), at).toBe(tens >= 2);
      // "không trăm" when thousands are read and hundreds are empty but something follows.
      expect(words.includes('không trăm'), at).toBe(thousands > 0 && hundreds === 0 && tens * 10 + units > 0);
      expect(list.includes('không'), at).toBe(n === 0 || words.includes('không trăm'));
      expect(list.includes('nghìn'), at).toBe(thousands > 0);
    }
  });

  it('reads labels: numbers as words, letters spelled', () => {
    expect(spokenLabel('Quầy 3')).toBe('quầy ba');
    expect(spokenLabel('A012')).toBe('a mười hai');
    expect(spokenLabel('B1024')).toBe('bê một nghìn không trăm hai mươi tư');
  });

  it('refuses numbers it cannot read', () => {
    expect(() => numberWords(-1)).toThrow(/Không đọc được/);
    expect(() => numberWords(1.5)).toThrow(/Không đọc được/);
  });
});
