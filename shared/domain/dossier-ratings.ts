/** The per-dossier export (issue 11 §4): one line per rated dossier, to reconcile with the provincial one-door system. */
export const DOSSIER_TITLE = 'DANH SÁCH ĐÁNH GIÁ THEO MÃ HỒ SƠ' as const;

export const DOSSIER_HEADER = [
  'STT',
  'Mã hồ sơ',
  'Họ và tên cán bộ',
  'Cơ quan đơn vị',
  'Thời gian',
  'Mức đánh giá',
  'Kênh',
] as const;

export interface DossierRatingRow {
  stt: number;
  dossierCode: string;
  fullName: string;
  agencyName: string;
  /** ISO-8601 with offset, as recorded. */
  occurredAt: string;
  /** dd/mm/yyyy hh:mm, Vietnam time. */
  time: string;
  level: string;
  levelLabel: string;
  /** Where the citizen rated: "Kiosk tại quầy" or "Điện thoại (mã QR)". */
  channel: string;
}

export interface DossierRatingsReport {
  from: string | null;
  to: string | null;
  periodLine: string;
  rows: DossierRatingRow[];
}
