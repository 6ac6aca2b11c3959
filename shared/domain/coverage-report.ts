import type { FunnelReport } from './rating-funnel.ts';

/**
 * The report beside Phụ lục 2: per officer, how many citizens were served and how many of
 * them rated. The centre's own report names the problem — too few citizens are asked to
 * rate — so the coverage (ratings on tickets ÷ tickets served) is what a supervisor reads.
 */
export const COVERAGE_TITLE = 'BÁO CÁO TỶ LỆ ĐÁNH GIÁ VÀ THỜI GIAN PHỤC VỤ THEO CÁN BỘ' as const;

export const COVERAGE_COLUMNS = {
  stt: 'STT',
  fullName: 'Họ và tên',
  agency: 'Cơ quan, đơn vị',
  ticketsServed: 'Số phiếu đã phục vụ',
  ratingsReceived: 'Số lượt đánh giá',
  ticketRatings: 'Đánh giá theo phiếu',
  walkUpRatings: 'Đánh giá không theo phiếu',
  coveragePercent: 'Tỷ lệ đánh giá (%)',
  averageWait: 'Thời gian chờ trung bình (phút:giây)',
  averageService: 'Thời gian phục vụ trung bình (phút:giây)',
} as const;

export interface CoverageRow {
  /** 1, 2, 3 … in print order (agency order, then officer order — as Phụ lục 2). */
  stt: number;
  officerId: string;
  fullName: string;
  agencyName: string;
  ticketsServed: number;
  /** ticketRatings + walkUpRatings, misuse presses left out. */
  ratingsReceived: number;
  ticketRatings: number;
  walkUpRatings: number;
  /** ticketRatings ÷ ticketsServed × 100; null when no ticket was served. */
  coveragePercent: number | null;
  /** Seconds; null when nothing was measured. */
  averageWaitSeconds: number | null;
  averageServiceSeconds: number | null;
}

export interface CoverageReport {
  /** YYYY-MM-DD, Vietnam calendar days, both included. */
  from: string;
  to: string;
  /** "(Từ ngày 01/01/2021 đến 14/06/2021)" */
  periodLine: string;
  rows: CoverageRow[];
  /** Served → prompted → rated per officer (same order as rows), agency and centre. */
  funnel?: FunnelReport;
  /** ISO-8601 with offset, Vietnam time. */
  generatedAt: string;
}

/** Ratings on tickets ÷ tickets served, as a percentage; null when nothing was served. */
export function coveragePercent(ticketRatings: number, ticketsServed: number): number | null {
  if (ticketsServed <= 0) return null;
  return (ticketRatings / ticketsServed) * 100;
}

/** 125.4 s → "02:05"; minutes go past 59 rather than wrapping into hours. */
export function formatMinutesSeconds(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  const total = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}

/** 45.26 → "45,3": one decimal, Vietnamese decimal comma; null → "". */
export function formatPercentVi(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return '';
  return percent.toFixed(1).replace('.', ',');
}
