import type { PrinterStatus, StatusLink } from '../printer-status.ts';

/** One open connection to a printer for one job. */
export interface PrinterConnection extends StatusLink {
  /** Whether the link carries DLE EOT replies back (TCP, a serial or USB character device). */
  readonly canAskStatus: boolean;
  write(bytes: Uint8Array): Promise<void>;
  /** Flushes and closes; resolves once the bytes have left this machine's buffers. */
  close(): Promise<void>;
  /** Drops the connection at once (after a timeout or an error). */
  destroy(): void;
}

export interface RawTransport {
  /** Human-readable target for messages: tcp://… or a device path. */
  readonly target: string;
  open(): Promise<PrinterConnection>;
}

/** A failure a transport has already turned into a status the officer can act on. */
export class PrinterTransportError extends Error {
  constructor(readonly status: PrinterStatus) {
    super(status.message);
    this.name = 'PrinterTransportError';
  }
}

export interface TransportTimeouts {
  connectMs: number;
  writeMs: number;
}
