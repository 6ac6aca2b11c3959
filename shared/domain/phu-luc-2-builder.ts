import { DEFAULT_REPORT_FRAMING, type ReportFraming } from './report-framing.ts';
import { compareOfficerRows } from './officer-order.ts';
import type { PhuLuc2Report, PhuLuc2Row } from './phu-luc-2.ts';
import { formatCount } from './text.ts';
import { formatDayVi, toVietnamIso } from './vietnam-time.ts';

/** What the database hands the builder: counts and the roster, nothing formatted yet. */
export interface PhuLuc2Input {
  centreName: string;
  /** YYYY-MM-DD, both included. */
  from: string;
  to: string;
  /** The scale, inactive levels included; sorted here by `order`. */
  levels: ReportLevel[];
  agencies: { id: string; name: string; order: number }[];
  officers: { id: string; fullName: string; agencyId: string; order: number }[];
  /** (officer, agency) pairs that must appear even with no rating: officers assigned in the period. */
  roster: { officerId: string; agencyId: string }[];
  /** Non-misuse ratings grouped by officer, agency at the time of the rating, and level. */
  counts: { officerId: string; agencyId: string; level: string; count: number }[];
  misuseExcluded: number;
  generatedAt: Date;
  /** The supervisor's `Ghi chú` per (officer, agency) row for exactly this period. */
  notes?: { officerId: string; agencyId: string; note: string }[];
  framing?: ReportFraming;
  /** Level codes that must be columns although this report has no rating of them (a province's sections share columns). */
  columnCodes?: string[];
}

export function periodLine(from: string, to: string): string {
  return `(Từ ngày ${formatDayVi(from)} đến ${formatDayVi(to)})`;
}

export function misuseLine(excluded: number): string {
  return excluded > 0
    ? `Có ${formatCount(excluded)} lượt bấm bị đánh dấu nghi vấn (bấm liên tiếp trong thời gian ngắn) không được tính vào biểu.`
    : 'Không có lượt bấm nào bị đánh dấu nghi vấn; mọi lượt đánh giá đều được tính vào biểu.';
}

export interface ReportLevel {
  code: string;
  label: string;
  order: number;
  /** false: taken off the scale; still a column in a period that has ratings of it. */
  active?: boolean;
}

/**
 * The columns of a report: the active levels, plus every level with ratings in the period
 * (an inactive one, or a code no longer known at all, labelled with its code), so a count is
 * never silently dropped when the scale changed while kiosks were offline.
 */
export function reportLevels(levels: readonly ReportLevel[], countedCodes: Iterable<string>): ReportLevel[] {
  const counted = new Set(countedCodes);
  const known = new Set(levels.map((l) => l.code));
  const maxOrder = levels.reduce((max, l) => Math.max(max, l.order), 0);
  const unknown = [...counted]
    .filter((code) => !known.has(code))
    .sort()
    .map((code, i) => ({ code, label: code, order: maxOrder + 1 + i, active: false }));
  return [...levels.filter((l) => l.active !== false || counted.has(l.code)), ...unknown].sort(
    (a, b) => a.order - b.order,
  );
}

/**
 * Builds Phụ lục 2: one row per (officer, agency at the time of rating), in the order of
 * compareOfficerRows. Columns are reportLevels: no count is left out.
 */
export function buildPhuLuc2(input: PhuLuc2Input): PhuLuc2Report {
  const levels = reportLevels(input.levels, [
    ...input.counts.filter((c) => c.count > 0).map((c) => c.level),
    ...(input.columnCodes ?? []),
  ]);
  const column = new Map(levels.map((level, index) => [level.code, index]));
  const agencies = new Map(input.agencies.map((a) => [a.id, a]));
  const officers = new Map(input.officers.map((o) => [o.id, o]));

  const rows = new Map<string, { officerId: string; agencyId: string; counts: number[] }>();
  const rowFor = (officerId: string, agencyId: string) => {
    const key = `${officerId}\u0000${agencyId}`;
    let row = rows.get(key);
    if (!row) {
      row = { officerId, agencyId, counts: levels.map(() => 0) };
      rows.set(key, row);
    }
    return row;
  };
  for (const entry of input.roster) rowFor(entry.officerId, entry.agencyId);
  for (const entry of input.counts) {
    const index = column.get(entry.level);
    const row = rowFor(entry.officerId, entry.agencyId);
    if (index !== undefined) row.counts[index] = (row.counts[index] ?? 0) + entry.count;
  }

  const sortKey = (row: { officerId: string; agencyId: string }) => {
    const agency = agencies.get(row.agencyId);
    const officer = officers.get(row.officerId);
    return {
      agencyId: row.agencyId,
      agencyOrder: agency?.order,
      agencyName: agency?.name ?? row.agencyId,
      officerId: row.officerId,
      officerOrder: officer?.order,
      fullName: officer?.fullName ?? row.officerId,
    };
  };
  const ordered = [...rows.values()]
    .map((row) => ({ row, key: sortKey(row) }))
    .sort((a, b) => compareOfficerRows(a.key, b.key));

  const notes = new Map((input.notes ?? []).map((n) => [`${n.officerId}\u0000${n.agencyId}`, n.note]));
  const totals = levels.map(() => 0);
  const reportRows: PhuLuc2Row[] = ordered.map(({ row, key }, index) => {
    row.counts.forEach((count, i) => (totals[i] = (totals[i] ?? 0) + count));
    return {
      stt: index + 1,
      officerId: row.officerId,
      fullName: key.fullName,
      agencyId: row.agencyId,
      agencyName: key.agencyName,
      counts: row.counts,
      note: notes.get(`${row.officerId}\u0000${row.agencyId}`) ?? '',
    };
  });

  return {
    centreName: input.centreName,
    from: input.from,
    to: input.to,
    periodLine: periodLine(input.from, input.to),
    levels: levels.map(({ code, label }) => ({ code, label })),
    rows: reportRows,
    totals,
    misuseExcluded: input.misuseExcluded,
    misuseLine: misuseLine(input.misuseExcluded),
    generatedAt: toVietnamIso(input.generatedAt),
    framing: input.framing ?? DEFAULT_REPORT_FRAMING,
  };
}
