/** Vietnamese text arrives in NFC or NFD depending on the keyboard and OS; store one form. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** A key for matching names typed by hand: NFC, lower case, single spaces. */
export function matchKey(text: string): string {
  return nfc(text).toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/** 1204 → "1.204": Vietnamese reports use a dot as thousands separator. */
export function formatCount(value: number): string {
  const digits = String(Math.trunc(Math.abs(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return value < 0 ? `-${grouped}` : grouped;
}
