/** Vietnamese names of the printer states a kiosk reports (shared/contract/sync-protocol.ts). */
const LABELS: Record<string, string> = {
  ok: 'bình thường',
  offline: 'mất kết nối',
  paper_out: 'hết giấy',
  cover_open: 'nắp đang mở',
  paper_near_end: 'sắp hết giấy',
  unknown: 'chưa rõ',
};

/** "bình thường", "hết giấy", …; null (never reported) reads "kiosk chưa báo". */
export function printerLabel(state: string | null | undefined): string {
  if (state === null || state === undefined) return 'kiosk chưa báo';
  return LABELS[state] ?? state;
}

/** States a supervisor should act on. */
export function printerNeedsAttention(state: string | null | undefined): boolean {
  return state === 'offline' || state === 'paper_out' || state === 'cover_open' || state === 'paper_near_end';
}
