/**
 * Printer addresses as a technician or the console writes them. Pure (no Node), so the
 * server checks a console PATCH with the very rules the kiosk applies to `--printer`.
 */
export type PrinterTransportKind = 'tcp' | 'device' | 'none';

/** The ticket widths the raster supports (electron/printing/ticket-raster.ts). */
export const PAPER_WIDTHS = [58, 80] as const;

/** A printer address that cannot be used; the message says what to write instead. */
export class PrinterUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrinterUrlError';
  }
}

export const DEFAULT_TCP_PORT = 9100;

const EXAMPLES = 'Ví dụ: tcp://192.168.1.50:9100, /dev/usb/lp0, /dev/ttyUSB0 hoặc none.';

/**
 * `os` (printing through the OS driver) was never wired in Electron's main process; it is
 * refused rather than accepted and silently printing nothing.
 */
export const OS_PRINTER_REFUSED =
  'Chưa hỗ trợ in qua trình điều khiển của hệ điều hành (os). Hãy nối máy in phiếu ESC/POS qua mạng (tcp://máy:cổng) hoặc USB/cổng nối tiếp (/dev/usb/lp0, /dev/ttyUSB0).';

/**
 * Parses the `--printer` value of the browser host and the printer setting of the kiosk:
 * `tcp://host[:port]` (port 9100 when left out), an absolute device path or `none`.
 */
export function parsePrinterUrl(value: string): { transport: PrinterTransportKind; url?: string } {
  const text = value.trim();
  if (text === '') throw new PrinterUrlError(`Chưa nhập địa chỉ máy in. ${EXAMPLES}`);
  const lower = text.toLowerCase();
  if (lower === 'none') return { transport: 'none' };
  if (lower === 'os') throw new PrinterUrlError(OS_PRINTER_REFUSED);
  if (text.startsWith('/')) {
    if (text.endsWith('/'))
      throw new PrinterUrlError(`"${text}" là một thư mục, không phải thiết bị máy in. ${EXAMPLES}`);
    if (text.includes('\0')) throw new PrinterUrlError(`Đường dẫn thiết bị máy in không hợp lệ. ${EXAMPLES}`);
    return { transport: 'device', url: text };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!scheme) {
    throw new PrinterUrlError(
      `Không hiểu địa chỉ máy in "${text}": đường dẫn thiết bị phải bắt đầu bằng "/", máy in mạng phải bắt đầu bằng "tcp://". ${EXAMPLES}`,
    );
  }
  if (scheme[1]!.toLowerCase() !== 'tcp') {
    throw new PrinterUrlError(
      `Không hỗ trợ giao thức "${scheme[1]!}://" cho máy in; máy in mạng dùng tcp://máy:cổng. ${EXAMPLES}`,
    );
  }
  const parts = /^[^:]+:\/\/(\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?/.exec(text);
  if (!parts?.[1]) throw new PrinterUrlError(`Thiếu tên máy hoặc địa chỉ IP của máy in trong "${text}". ${EXAMPLES}`);
  const portText = parts[2];
  if (portText !== undefined) {
    if (portText === '') throw new PrinterUrlError(`Thiếu số cổng sau dấu ":" trong "${text}". ${EXAMPLES}`);
    const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new PrinterUrlError(`Cổng máy in không hợp lệ trong "${text}" (cần một số từ 1 đến 65535).`);
    }
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PrinterUrlError(`Địa chỉ máy in mạng không hợp lệ: "${text}". ${EXAMPLES}`);
  }
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash || url.username) {
    throw new PrinterUrlError(`Địa chỉ máy in mạng chỉ gồm tcp://máy:cổng, không có đường dẫn hay tham số: "${text}".`);
  }
  const port = url.port === '' ? DEFAULT_TCP_PORT : Number(url.port);
  return { transport: 'tcp', url: `tcp://${url.hostname.toLowerCase()}:${port}` };
}
