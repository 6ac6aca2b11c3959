import { NATIONAL_LEVEL_LABELS } from '../../../shared/contract/centre-settings.ts';
import { NATIONAL_TITLE, type NationalReport, type NationalSummary } from '../../../shared/domain/national-scale.ts';
import { toCsv } from './csv.ts';

export const NATIONAL_HEADER = [
  'STT',
  'Họ và tên',
  'Cơ quan, đơn vị',
  NATIONAL_LEVEL_LABELS.rat_hai_long,
  NATIONAL_LEVEL_LABELS.hai_long,
  NATIONAL_LEVEL_LABELS.khong_hai_long,
  'Tổng số lượt',
  'Tỷ lệ hài lòng (%)',
  'Chỉ số hài lòng (0–100)',
] as const;

/** The numbers of one line: counts, then share and index with one decimal (empty with no rating). */
export function summaryCells(s: NationalSummary): (string | number)[] {
  return [
    s.counts.rat_hai_long,
    s.counts.hai_long,
    s.counts.khong_hai_long,
    s.total,
    s.satisfiedPercent === null ? '' : s.satisfiedPercent.toFixed(1),
    s.index === null ? '' : s.index.toFixed(1),
  ];
}

/** Officers, then each agency's total, then the centre's, as in the console. */
export function nationalCsv(report: NationalReport): Buffer {
  return toCsv([
    [NATIONAL_TITLE],
    [report.periodLine],
    [...NATIONAL_HEADER],
    ...report.rows.map((row) => [row.stt, row.fullName, row.agencyName, ...summaryCells(row)]),
    ...report.agencies.map((a) => ['', 'Cộng cơ quan', a.agencyName, ...summaryCells(a)]),
    ['', 'Toàn Trung tâm', '', ...summaryCells(report.centre)],
    [],
    [
      `Cách tính: ${report.mapping.map((m) => `${m.label} → ${NATIONAL_LEVEL_LABELS[m.national]}, trọng số ${String(m.weight)}`).join('; ')}.`,
    ],
  ]);
}
