import { parsePrinterUrl, PrinterUrlError } from '../../printing/printer-config.ts';
import type { PaperWidth } from '../../printing/ticket-raster.ts';
import { createTicketPrinter } from '../../printing/ticket-printer.ts';
import type { QueuePrinter } from './printer-port.ts';

export { PrinterUrlError };

/**
 * The printer named by `--printer`: tcp://host:port, a device path (/dev/usb/lp0,
 * /dev/ttyUSB0) or none. None (or nothing) means tickets are shown on screen only.
 * Throws PrinterUrlError with a Vietnamese message for an address that cannot be used.
 */
export function printerFromUrl(value: string | undefined, paperWidth: PaperWidth = 80): QueuePrinter | null {
  if (value === undefined) return null;
  const parsed = parsePrinterUrl(value);
  if (parsed.transport === 'none') return null;
  return createTicketPrinter({ ...parsed, paperWidth });
}
