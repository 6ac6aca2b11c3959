import { DEFAULT_TCP_PORT } from '../../shared/domain/printer-url.ts';
import type { PaperWidth } from './ticket-raster.ts';

/** `os` stays for the OsPrinter port (electron/main may implement it); no address selects it today. */
export type PrinterTransportKind = 'tcp' | 'device' | 'none' | 'os';

/**
 * Where tickets go. `url` is tcp://host:port for a network printer, or a device path
 * (/dev/usb/lp0 for USB, /dev/ttyUSB0 or /dev/ttyS0 for serial) for 'device'.
 */
export interface PrinterConfig {
  transport: PrinterTransportKind;
  url?: string;
  paperWidth: PaperWidth;
}

export {
  DEFAULT_TCP_PORT,
  OS_PRINTER_REFUSED,
  PrinterUrlError,
  parsePrinterUrl,
} from '../../shared/domain/printer-url.ts';
/** Host and port of a tcp:// address already accepted by parsePrinterUrl. */
export function tcpEndpoint(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  // IPv6 literals come back bracketed from URL; net.connect wants them bare.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: parsed.port === '' ? DEFAULT_TCP_PORT : Number(parsed.port) };
}
