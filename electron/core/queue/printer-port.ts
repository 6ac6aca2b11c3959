import type { PrinterStatus } from '../../printing/printer-status.ts';
import type { TicketPrintData } from '../../printing/ticket-print-data.ts';

/**
 * The queue's view of a ticket printer, the shape `createTicketPrinter` returns
 * (electron/printing/ticket-printer.ts); tests pass fakes.
 */
export interface QueuePrinter {
  /** `warning`: printed, but the printer needs attention soon (paper near end). */
  print(data: TicketPrintData): Promise<{ ok: true; warning?: PrinterStatus } | { ok: false; status: PrinterStatus }>;
  status(): Promise<PrinterStatus>;
}

export const NO_PRINTER_MESSAGE = 'Kiosk chưa được nối với máy in.';
