/**
 * Numbers read aloud by the Vietnamese rules, so the announcer needs no system voice to get them
 * right: 1001 "một nghìn không trăm linh một", 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư",
 * 105 "một trăm linh năm", 2025 "hai nghìn không trăm hai mươi lăm".
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
/** Group names from the right: units, thousands, millions, billions. */
const GROUPS = ['', 'nghìn', 'triệu', 'tỷ'] as const;

/** The largest number read (999 tỷ …): ticket numbers and counters are far below it. */
export const MAX_SPOKEN_NUMBER = 999_999_999_999;

/** The last two digits: the units change their sound after "mươi" (mốt, tư, lăm) and after "mười" (lăm). */
function tensAndUnits(tens: number, units: number, afterHundreds: boolean): string[] {
  if (tens === 0) {
    if (units === 0) return [];
    // "linh" only fills the gap after a spoken hundreds place: 105 "một trăm linh năm".
    return afterHundreds ? ['linh', DIGITS[units]!] : [DIGITS[units]!];
  }
  const head = tens === 1 ? ['mười'] : [DIGITS[tens]!, 'mươi'];
  if (units === 0) return head;
  if (units === 5) return [...head, 'lăm'];
  if (units === 1 && tens >= 2) return [...head, 'mốt'];
  if (units === 4 && tens >= 2) return [...head, 'tư'];
  return [...head, DIGITS[units]!];
}

/** One group of three digits; `full` when a higher group was read, so its hundreds are always said. */
function groupWords(value: number, full: boolean): string[] {
  const hundreds = Math.floor(value / 100);
  const rest = value % 100;
  const words: string[] = [];
  // 1005 "một nghìn không trăm linh năm": an empty hundreds place is read once a higher group exists.
  const sayHundreds = hundreds > 0 || (full && rest > 0);
  if (sayHundreds) words.push(DIGITS[hundreds]!, 'trăm');
  words.push(...tensAndUnits(Math.floor(rest / 10), rest % 10, sayHundreds));
  return words;
}

/** The words of a whole number from 0 to {@link MAX_SPOKEN_NUMBER}, as an array. */
export function numberWordList(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) {
    throw new RangeError(`Không đọc được số ${String(n)}: chỉ đọc số nguyên từ 0 đến ${String(MAX_SPOKEN_NUMBER)}.`);
  }
  if (n === 0) return [DIGITS[0]];
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i -= 1) {
    const value = groups[i]!;
    // 1.000.001 "một triệu không trăm linh một": an empty group in the middle is skipped.
    if (value === 0) continue;
    words.push(...groupWords(value, words.length > 0));
    const group = GROUPS[i];
    if (group) words.push(group);
  }
  return words;
}

/** The words of a whole number, as one string: `numberWords(24)` is "hai mươi tư". */
export function numberWords(n: number): string {
  return numberWordList(n).join(' ');
}

/** Letters as Vietnamese says them, for ticket prefixes such as "A012". */
const LETTERS: Record<string, string> = {
  A: 'a',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  Đ: 'đê',
  E: 'e',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'i',
  J: 'gi',
  K: 'ca',
  L: 'e lờ',
  M: 'em mờ',
  N: 'en nờ',
  O: 'o',
  P: 'pê',
  Q: 'quy',
  R: 'e rờ',
  S: 'ét',
  T: 'tê',
  U: 'u',
  V: 'vê',
  W: 'vê kép',
  X: 'ích',
  Y: 'i dài',
  Z: 'dét',
};

/** One token of spoken text: a number read as words, a letter spelled, or a word as written. */
export type SpokenToken =
  | { kind: 'number'; value: number; words: string[] }
  | { kind: 'letter'; letter: string; words: string[] }
  | { kind: 'word'; words: string[] };

/**
 * Splits a label such as "A012", "Quầy 3" or "1024" into what is said: digit runs become their
 * number (a ticket's padding zeros are not read: "A012" is "a mười hai"), a letter standing alone
 * or before digits is spelled, other words stay.
 */
export function spokenTokens(label: string): SpokenToken[] {
  const tokens: SpokenToken[] = [];
  for (const part of label.normalize('NFC').match(/\d+|[^\d\s]+/gu) ?? []) {
    if (/^\d+$/u.test(part)) {
      const value = Number(part);
      if (value <= MAX_SPOKEN_NUMBER) {
        tokens.push({ kind: 'number', value, words: numberWordList(value) });
      } else {
        // Too long to be a number anyone says: read digit by digit.
        for (const d of part) tokens.push({ kind: 'number', value: Number(d), words: numberWordList(Number(d)) });
      }
      continue;
    }
    const upper = part.toUpperCase();
    const letters = /^[A-ZĐ]{1,2}$/u.test(upper) ? (upper.match(/./gu) ?? []) : [];
    if (letters.length > 0 && letters.every((c) => LETTERS[c])) {
      for (const c of letters) tokens.push({ kind: 'letter', letter: c, words: LETTERS[c]!.split(' ') });
      continue;
    }
    tokens.push({ kind: 'word', words: [part.toLowerCase()] });
  }
  return tokens;
}

/** A label as words: "Quầy 12" → "quầy mười hai", "A012" → "a mười hai". */
export function spokenLabel(label: string): string {
  return spokenTokens(label)
    .flatMap((t) => t.words)
    .join(' ');
}
