import { statusRequest } from './escpos.ts';

export type PrinterState = 'ok' | 'offline' | 'paper_out' | 'cover_open' | 'paper_near_end' | 'unknown';

/** What the kiosk knows about its printer; `message` is shown to officers and technicians. */
export interface PrinterStatus {
  state: PrinterState;
  message: string;
}

export const STATUS_MESSAGES = {
  ok: 'Máy in sẵn sàng',
  paperOut: 'Máy in hết giấy',
  coverOpen: 'Nắp máy in đang mở',
  paperNearEnd: 'Giấy in sắp hết, cần thay cuộn giấy mới',
  notConnected: 'Máy in không kết nối được',
  stopped: 'Máy in đang ngừng (ngoại tuyến), hãy kiểm tra máy in',
  error: 'Máy in báo lỗi, hãy tắt rồi bật lại máy in',
  unknown: 'Máy in không trả lời yêu cầu trạng thái; vẫn gửi lệnh in',
} as const;

export function printerStatus(state: PrinterState, message: string): PrinterStatus {
  return { state, message };
}

/** Replies to DLE EOT 1, 2 and 4; a missing reply is null. */
export interface StatusReplies {
  printer: number | null;
  offlineCause: number | null;
  paper: number | null;
}

/**
 * Every DLE EOT reply has bit 1 and bit 4 set and bits 0 and 7 clear (Epson ESC/POS
 * reference); anything else is not a status byte (e.g. an echo or an ASB packet).
 */
export function isStatusByte(byte: number | null): byte is number {
  return byte !== null && (byte & 0x93) === 0x12;
}

/**
 * Decodes the Epson bits:
 * - DLE EOT 1: bit 3 offline.
 * - DLE EOT 2: bit 2 cover open, bit 5 printing stopped by paper end, bit 6 error occurred.
 * - DLE EOT 4: bits 2–3 roll paper near end, bits 5–6 roll paper end.
 * Paper end outranks cover open (the usual reason the cover is opened), which outranks
 * the other offline causes; near end still prints.
 */
export function decodeStatus(replies: StatusReplies): PrinterStatus {
  const printer = isStatusByte(replies.printer) ? replies.printer : null;
  const cause = isStatusByte(replies.offlineCause) ? replies.offlineCause : null;
  const paper = isStatusByte(replies.paper) ? replies.paper : null;
  if (printer === null && cause === null && paper === null) {
    return printerStatus('unknown', STATUS_MESSAGES.unknown);
  }
  if ((paper !== null && (paper & 0x60) !== 0) || (cause !== null && (cause & 0x20) !== 0)) {
    return printerStatus('paper_out', STATUS_MESSAGES.paperOut);
  }
  if (cause !== null && (cause & 0x04) !== 0) return printerStatus('cover_open', STATUS_MESSAGES.coverOpen);
  if (cause !== null && (cause & 0x40) !== 0) return printerStatus('offline', STATUS_MESSAGES.error);
  if (printer !== null && (printer & 0x08) !== 0) return printerStatus('offline', STATUS_MESSAGES.stopped);
  if (paper !== null && (paper & 0x0c) !== 0) return printerStatus('paper_near_end', STATUS_MESSAGES.paperNearEnd);
  return printerStatus('ok', STATUS_MESSAGES.ok);
}

/** Whether a ticket should be sent at all: only a known stop (paper, cover, offline) holds it back. */
export function canPrint(status: PrinterStatus): boolean {
  return status.state === 'ok' || status.state === 'paper_near_end' || status.state === 'unknown';
}

/** A link that can ask one real-time status byte, answering null when none comes in time. */
export interface StatusLink {
  ask(request: Uint8Array, timeoutMs: number): Promise<number | null>;
}

/**
 * Asks DLE EOT 1, 2 and 4 in turn. A printer that does not answer the first one is taken as
 * one that does not answer at all, so a print waits for at most one timeout.
 */
export async function queryStatus(link: StatusLink, timeoutMs: number): Promise<PrinterStatus> {
  const printer = await link.ask(statusRequest(1), timeoutMs);
  if (!isStatusByte(printer)) return decodeStatus({ printer: null, offlineCause: null, paper: null });
  const offlineCause = await link.ask(statusRequest(2), timeoutMs);
  const paper = await link.ask(statusRequest(4), timeoutMs);
  return decodeStatus({ printer, offlineCause, paper });
}
