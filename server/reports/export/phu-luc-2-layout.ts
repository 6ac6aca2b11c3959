import { PHU_LUC_2_COLUMNS, PHU_LUC_2_TITLE, type PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { formatCount, nfc } from '../../../shared/domain/text.ts';
import { DEFAULT_REPORT_FRAMING, placeDateLine } from '../../../shared/domain/report-framing.ts';
import { formatDateTimeVi, vietnamDay } from '../../../shared/domain/vietnam-time.ts';

/**
 * The one description of the Phụ lục 2 table that every file format draws, so XLSX, DOCX,
 * PDF and CSV cannot drift apart: the same header words, the same cell strings, the same
 * relative column widths.
 */
export interface PhuLuc2Layout {
  /** Top left: the issuing body (empty: none) and, under it, the centre's name in capitals. */
  issuingLines: string[];
  /** "Phụ lục 2" above the title, at the right margin or centred (empty label: none). */
  annexLabel: string;
  annexAlign: 'right' | 'center';
  titleLines: readonly string[];
  periodLine: string;
  /** STT, Họ và tên, Cơ quan, đơn vị, <levels…>, Ghi chú. */
  columnCount: number;
  levelCount: number;
  /** 0-based index of the first level column. */
  firstLevelColumn: number;
  /** Header row 1 words: STT/Họ và tên/Cơ quan/Ghi chú span both header rows; the ratings word spans the levels. */
  header: {
    stt: string;
    fullName: string;
    agency: string;
    ratings: string;
    note: string;
  };
  /** Header row 2: the level labels, best first. */
  levelLabels: string[];
  /** One header row for flat formats (CSV): "Số lượt đánh giá - Tốt", … */
  flatHeader: string[];
  /** The data rows as printed: counts with a dot thousands separator. */
  body: string[][];
  /** The same rows with raw numbers, for formats read by machines (CSV). */
  bodyRaw: (string | number)[][];
  /** "Tổng cộng" row: label in the first cell (spanning STT…Cơ quan), totals under the levels. */
  totals: string[];
  totalsRaw: (string | number)[];
  totalsLabel: string;
  /** Number of leading columns the totals label spans. */
  totalsLabelSpan: number;
  misuseLine: string;
  /** "Bắc Kạn, ngày 15 tháng 6 năm 2021", right, above the signatures. */
  placeDateLine: string;
  /** Left NGƯỜI LẬP BIỂU, right GIÁM ĐỐC: the title, then room to sign, then the name. */
  signatures: [{ title: string; name: string }, { title: string; name: string }];
  /** Small print under the signatures: when the report was made. */
  footerLines: string[];
  /** Relative column widths (roughly characters at 13 pt), shared by every paged format. */
  columnWidths: number[];
}

export const TOTALS_LABEL = 'Tổng cộng';
export const PROVINCE_TOTALS_LABEL = 'Tổng cộng toàn tỉnh';

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** I, II, III …: the sections of a Vietnamese table. */
export function romanNumeral(value: number): string {
  let rest = value;
  let text = '';
  for (const [step, letters] of ROMAN) {
    while (rest >= step) {
      text += letters;
      rest -= step;
    }
  }
  return text;
}

/** The level columns together never take more than this, so name and agency keep their room. */
const LEVELS_MAX_WIDTH = 48;

/**
 * Whole-table widths in "characters": name and agency get the room, counts stay narrow
 * (a count is at most "12.345"); a long level label wraps inside its header cell instead.
 */
function columnWidthsFor(levelLabels: string[]): number[] {
  const wanted = levelLabels.map((label) => Math.max(9, Math.min(14, label.length + 3)));
  const sum = wanted.reduce((total, width) => total + width, 0);
  const scale = sum > LEVELS_MAX_WIDTH ? LEVELS_MAX_WIDTH / sum : 1;
  const levelWidths = wanted.map((width) => Math.max(8, Math.round(width * scale * 10) / 10));
  return [7, 27, 37, ...levelWidths, 15];
}

export function phuLuc2Layout(report: PhuLuc2Report): PhuLuc2Layout {
  const levelLabels = report.levels.map((level) => nfc(level.label));
  const levelCount = levelLabels.length;
  const header = {
    stt: PHU_LUC_2_COLUMNS.stt,
    fullName: PHU_LUC_2_COLUMNS.fullName,
    agency: PHU_LUC_2_COLUMNS.agency,
    ratings: PHU_LUC_2_COLUMNS.ratings,
    note: PHU_LUC_2_COLUMNS.note,
  };
  const countsOf = (counts: number[]): number[] => levelLabels.map((_label, index) => counts[index] ?? 0);

  const rowsOf = (rows: PhuLuc2Report['rows']) => ({
    body: rows.map((row) => [
      String(row.stt),
      nfc(row.fullName),
      nfc(row.agencyName),
      ...countsOf(row.counts).map(formatCount),
      nfc(row.note),
    ]),
    bodyRaw: rows.map((row) => [
      row.stt,
      nfc(row.fullName),
      nfc(row.agencyName),
      ...countsOf(row.counts),
      nfc(row.note),
    ]),
  });
  // The province report: per centre a heading row (I, II … and its name), its officers, its subtotal.
  const sections = report.sections?.map((section, index) => {
    const name = nfc(section.centreName);
    const heading = [romanNumeral(index + 1), name.toLocaleUpperCase('vi'), '', ...levelLabels.map(() => ''), ''];
    const label = `Cộng ${name}`;
    const own = rowsOf(section.rows);
    return {
      body: [heading, ...own.body, ['', label, '', ...countsOf(section.totals).map(formatCount), '']],
      bodyRaw: [heading, ...own.bodyRaw, ['', label, '', ...countsOf(section.totals), '']],
    };
  });
  const { body, bodyRaw } = sections
    ? { body: sections.flatMap((s) => s.body), bodyRaw: sections.flatMap((s) => s.bodyRaw) }
    : rowsOf(report.rows);
  const totalsLabel = report.sections ? PROVINCE_TOTALS_LABEL : TOTALS_LABEL;
  const totals = [totalsLabel, '', '', ...countsOf(report.totals).map(formatCount), ''];
  const totalsRaw = [totalsLabel, '', '', ...countsOf(report.totals), ''];

  const footerLines: string[] = [];
  const generated = new Date(report.generatedAt);
  const generatedOk = !Number.isNaN(generated.getTime());
  if (generatedOk) footerLines.push(`Lập lúc ${formatDateTimeVi(generated)}`);
  const framing = report.framing ?? DEFAULT_REPORT_FRAMING;
  const issuingLines = [framing.issuingBody, report.centreName]
    .map((text) => nfc(text.trim()).toLocaleUpperCase('vi'))
    .filter((text) => text !== '');

  return {
    issuingLines,
    annexLabel: nfc(framing.annexLabel.trim()),
    annexAlign: framing.annexAlign,
    placeDateLine: placeDateLine(framing.place, generatedOk ? vietnamDay(generated) : report.to),
    signatures: [
      { title: nfc(framing.preparerTitle), name: nfc(framing.preparerName) },
      { title: nfc(framing.approverTitle), name: nfc(framing.approverName) },
    ],
    titleLines: [...PHU_LUC_2_TITLE, ...(report.scopeLine ? [report.scopeLine.toLocaleUpperCase('vi')] : [])].map(nfc),
    periodLine: nfc(report.periodLine),
    columnCount: 4 + levelCount,
    levelCount,
    firstLevelColumn: 3,
    header,
    levelLabels,
    flatHeader: [
      header.stt,
      header.fullName,
      header.agency,
      ...levelLabels.map((label) => `${header.ratings} - ${label}`),
      header.note,
    ],
    body,
    bodyRaw,
    totals,
    totalsRaw,
    totalsLabel,
    totalsLabelSpan: 3,
    misuseLine: nfc(report.misuseLine),
    footerLines,
    columnWidths: columnWidthsFor(levelLabels),
  };
}

/** phu-luc-2_2021-01-01_2021-06-14.xlsx */
export function phuLuc2FileName(report: Pick<PhuLuc2Report, 'from' | 'to'>, extension: string): string {
  return `phu-luc-2_${report.from}_${report.to}.${extension}`;
}
