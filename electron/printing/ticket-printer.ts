import { encodeRasterJob } from './escpos.ts';
import { monoBitmapToPng } from './mono-bitmap.ts';
import type { PrinterConfig } from './printer-config.ts';
import { STATUS_MESSAGES, canPrint, printerStatus, queryStatus } from './printer-status.ts';
import type { PrinterStatus } from './printer-status.ts';
import { renderTicket } from './ticket-raster.ts';
import type { TicketPrintData } from './ticket-print-data.ts';
import { createDeviceTransport } from './transports/device-transport.ts';
import type { OsPrinter } from './transports/os-printer.ts';
import { createTcpTransport } from './transports/tcp-transport.ts';
import { PrinterTransportError } from './transports/transport.ts';
import type { RawTransport } from './transports/transport.ts';

export type { PrinterConfig } from './printer-config.ts';
export type { PrinterStatus } from './printer-status.ts';
export type { TicketPrintData } from './ticket-print-data.ts';
export type { OsPrinter } from './transports/os-printer.ts';

/**
 * The result of one print. `ok: false` never means the ticket was lost: the queue still
 * issues it, shows it on screen and raises `status.message` as the printer alert.
 * `warning` is set when the ticket printed but the printer needs attention soon (paper near end).
 */
export type PrintOutcome = { ok: true; warning?: PrinterStatus } | { ok: false; status: PrinterStatus };

export interface TicketPrinter {
  readonly config: PrinterConfig;
  /** Renders and prints one ticket. Never throws. Jobs are sent one at a time, in call order. */
  print(data: TicketPrintData): Promise<PrintOutcome>;
  /** Asks the printer (DLE EOT 1, 2, 4). Never throws. */
  status(): Promise<PrinterStatus>;
}

export interface TicketPrinterOptions {
  /** Required for transport 'os': implemented by electron/main. */
  osPrinter?: OsPrinter;
  connectTimeoutMs?: number;
  /** How long one DLE EOT reply is awaited; a printer silent that long is taken as not answering. */
  statusTimeoutMs?: number;
  writeTimeoutMs?: number;
}

export const NO_PRINTER_STATUS = printerStatus(
  'offline',
  'Kiosk chưa được cấu hình máy in: số thứ tự chỉ hiện trên màn hình',
);
const OS_STATUS = printerStatus('unknown', 'Máy in của hệ điều hành: trạng thái do trình điều khiển máy in quản lý');

function failure(error: unknown): PrinterStatus {
  if (error instanceof PrinterTransportError) return error.status;
  // Not a transport failure (a driver error, content that cannot be drawn): the printer
  // itself may be fine, so the state stays unknown and the message says what happened.
  const detail = error instanceof Error ? error.message : String(error);
  return printerStatus('unknown', `Không in được phiếu: ${detail}`);
}

export function createTicketPrinter(config: PrinterConfig, options: TicketPrinterOptions = {}): TicketPrinter {
  const timeouts = {
    connectMs: options.connectTimeoutMs ?? 3000,
    writeMs: options.writeTimeoutMs ?? 10_000,
  };
  const statusTimeoutMs = options.statusTimeoutMs ?? 500;

  let raw: RawTransport | null = null;
  let configError: PrinterStatus | null = null;
  if (config.transport === 'tcp' || config.transport === 'device') {
    if (!config.url) {
      configError = printerStatus('offline', 'Chưa nhập địa chỉ máy in (tcp://máy:cổng hoặc đường dẫn thiết bị)');
    } else {
      raw =
        config.transport === 'tcp'
          ? createTcpTransport(config.url, timeouts)
          : createDeviceTransport(config.url, timeouts);
    }
  } else if (config.transport === 'os' && !options.osPrinter) {
    configError = printerStatus('offline', 'Máy in của hệ điều hành chỉ dùng được trong ứng dụng Electron');
  }

  // Once a printer has let a status request time out, prints stop waiting for replies it never gives.
  let answersStatus = true;
  // One job at a time: two tickets' bytes must never interleave on the wire.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function rawStatus(transport: RawTransport): Promise<PrinterStatus> {
    const connection = await transport.open();
    try {
      if (!connection.canAskStatus) return printerStatus('unknown', STATUS_MESSAGES.unknown);
      return await queryStatus(connection, statusTimeoutMs);
    } finally {
      connection.destroy();
    }
  }

  async function rawPrint(transport: RawTransport, data: TicketPrintData): Promise<PrintOutcome> {
    const job = encodeRasterJob(renderTicket(data, config.paperWidth));
    const connection = await transport.open();
    try {
      let status = printerStatus('unknown', STATUS_MESSAGES.unknown);
      if (connection.canAskStatus && answersStatus) {
        status = await queryStatus(connection, statusTimeoutMs);
        if (status.state === 'unknown') answersStatus = false;
        else if (!canPrint(status)) return { ok: false, status };
      }
      await connection.write(job);
      await connection.close();
      return status.state === 'paper_near_end' ? { ok: true, warning: status } : { ok: true };
    } finally {
      connection.destroy();
    }
  }

  return {
    config,
    print(data) {
      return serial(async (): Promise<PrintOutcome> => {
        try {
          if (configError) return { ok: false, status: configError };
          if (config.transport === 'none') return { ok: false, status: NO_PRINTER_STATUS };
          if (config.transport === 'os') {
            await options.osPrinter!.printPng(monoBitmapToPng(renderTicket(data, config.paperWidth)));
            return { ok: true };
          }
          return await rawPrint(raw!, data);
        } catch (error) {
          return { ok: false, status: failure(error) };
        }
      });
    },
    status() {
      return serial(async (): Promise<PrinterStatus> => {
        try {
          if (configError) return configError;
          if (config.transport === 'none') return NO_PRINTER_STATUS;
          if (config.transport === 'os') return OS_STATUS;
          const status = await rawStatus(raw!);
          // A printer that answers again is asked again before each print.
          if (status.state !== 'unknown') answersStatus = true;
          return status;
        } catch (error) {
          return failure(error);
        }
      });
    },
  };
}
