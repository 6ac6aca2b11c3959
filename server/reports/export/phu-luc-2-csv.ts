import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { toCsv, type CsvDelimiter } from './csv.ts';
import { phuLuc2Layout } from './phu-luc-2-layout.ts';

/**
 * Counts are plain integers here, not the printed "1.204": Excel parses a CSV by the PC's
 * locale, and on an English-locale PC "1.204" would become the decimal 1,204 — a silent
 * wrong number. Plain digits read the same everywhere; the dotted form is in XLSX/DOCX/PDF.
 * The title and period lines come first so the file is still the form when opened alone.
 */
export function phuLuc2Csv(report: PhuLuc2Report, delimiter: CsvDelimiter = ','): Buffer {
  const layout = phuLuc2Layout(report);
  return toCsv(
    [
      ...layout.titleLines.map((line) => [line]),
      [layout.periodLine],
      layout.flatHeader,
      ...layout.bodyRaw,
      layout.totalsRaw,
      [layout.misuseLine],
    ],
    delimiter,
  );
}
