/**
 * Everything printed on a queue ticket. The queue builds this; printing only lays it out.
 * Texts are shown as given (NFC Vietnamese), so the caller composes e.g. "Quầy số 3".
 */
export interface TicketPrintData {
  /** Header, configurable per centre, e.g. "Trung tâm Phục vụ hành chính công tỉnh …". */
  centreName: string;
  centreAddress?: string;
  /** The ticket number as called: "1001" or "A1001". */
  number: string;
  serviceName: string;
  /** As shown to the citizen, e.g. "Quầy số 3". */
  counterName: string;
  peopleAhead: number;
  /** null when there is no history yet to estimate from. */
  estimatedWaitMinutes: number | null;
  issuedAt: Date;
  /** Printed as given in an inverted box, e.g. "Ưu tiên: Người cao tuổi". */
  priorityLabel?: string;
  /** Content of the QR code (e.g. a URL to follow the ticket). */
  qrText: string;
  /** Last line; a default thank-you line is printed when absent. */
  footer?: string;
}
