import type { ReportFraming } from './report-framing.ts';

/**
 * Phụ lục 2 — the per-officer satisfaction table a centre files. The server builds this
 * model; every export (screen, JSON, CSV, XLSX, DOCX, PDF) renders exactly this model.
 */
export const PHU_LUC_2_TITLE = [
  'BIỂU KẾT QUẢ ĐÁNH GIÁ NỘI BỘ VỀ MỨC ĐỘ HÀI LÒNG CỦA TỔ CHỨC, CÁ NHÂN ĐỐI VỚI',
  'SỰ PHỤC VỤ CỦA CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC TRUNG TÂM',
] as const;

export const PHU_LUC_2_COLUMNS = {
  stt: 'STT',
  fullName: 'Họ và tên',
  agency: 'Cơ quan, đơn vị',
  ratings: 'Số lượt đánh giá',
  note: 'Ghi chú',
} as const;

export interface PhuLuc2Row {
  /** 1, 2, 3 … in print order. */
  stt: number;
  officerId: string;
  fullName: string;
  agencyId: string;
  agencyName: string;
  /** One count per level of the scale, in the scale's order (the columns). */
  counts: number[];
  note: string;
}

/** One centre of the province report: its own STT numbering and its subtotal row. */
export interface PhuLuc2Section {
  centreId: number;
  centreCode: string;
  centreName: string;
  rows: PhuLuc2Row[];
  /** The centre's column totals (its "Cộng" row). */
  totals: number[];
}

export interface PhuLuc2Report {
  centreName: string;
  /** YYYY-MM-DD, Vietnam calendar days, both included. */
  from: string;
  to: string;
  /** "(Từ ngày 01/01/2021 đến 14/06/2021)" */
  periodLine: string;
  /** The scale's levels, best first: the rating columns. */
  levels: { code: string; label: string }[];
  rows: PhuLuc2Row[];
  /** Column totals, in the levels' order. */
  totals: number[];
  /** Presses flagged as misuse in the period, left out of the counts. */
  misuseExcluded: number;
  /** The sentence printed under the table about misuse presses. */
  misuseLine: string;
  /** ISO-8601 with offset, Vietnam time. */
  generatedAt: string;
  /** The annex label, issuing body, place-and-date line and signatures; absent: the defaults. */
  framing?: ReportFraming;
  /** A title line naming the centre (or the province) when the server holds several (issue 13). */
  scopeLine?: string;
  /** The province report: every centre in turn; `rows` then holds them all and `totals` the province's. */
  sections?: PhuLuc2Section[];
}
