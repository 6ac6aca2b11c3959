import { EventEmitter } from 'node:events';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { join } from 'node:path';
import { EscPosDecoder } from './escpos-decoder.ts';
import { monoBitmapToPng } from './mono-bitmap.ts';
import type { MonoBitmap } from './mono-bitmap.ts';

export interface VirtualPrinterOptions {
  outDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  paperOut?: boolean;
  coverOpen?: boolean;
  /** Start refusing connections, as a printer that is switched off. */
  refuse?: boolean;
  /** false: ignore DLE EOT, as many cheap printers do. */
  answersStatus?: boolean;
}

export interface VirtualPrinterJob {
  file: string;
  width: number;
  height: number;
  receivedAt: Date;
  bitmap: MonoBitmap;
}

interface VirtualPrinterEvents {
  job: [VirtualPrinterJob];
  /** A job that arrived while out of paper or with the cover open: nothing is printed. */
  discarded: [{ width: number; height: number; receivedAt: Date }];
  unsupported: [string];
}

const FILE_PATTERN = /^ticket-(\d+)\.png$/;

/**
 * A network ESC/POS printer for development, demos and tests: listens on raw TCP like a real
 * one on port 9100, turns each received raster job into DIR/ticket-0001.png, … and answers
 * DLE EOT with the status bytes of an Epson printer, paper out or cover open when told to.
 */
export class VirtualPrinter extends EventEmitter<VirtualPrinterEvents> {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private nextNumber = 1;
  private paperOut: boolean;
  private coverOpen: boolean;
  private answersStatus: boolean;
  private refusing = false;
  private boundPort: number;
  private readonly host: string;
  private writes: Promise<unknown> = Promise.resolve();
  readonly jobs: VirtualPrinterJob[] = [];

  private constructor(private readonly options: VirtualPrinterOptions) {
    super();
    this.paperOut = options.paperOut ?? false;
    this.coverOpen = options.coverOpen ?? false;
    this.answersStatus = options.answersStatus ?? true;
    this.boundPort = options.port ?? 0;
    this.host = options.host ?? '127.0.0.1';
    this.server = createServer((socket) => this.accept(socket));
  }

  static async start(options: VirtualPrinterOptions): Promise<VirtualPrinter> {
    await mkdir(options.outDir, { recursive: true });
    const printer = new VirtualPrinter(options);
    // Never overwrite PNGs from an earlier run in the same folder.
    const existing = (await readdir(options.outDir))
      .map((name) => FILE_PATTERN.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    printer.nextNumber = Math.max(0, ...existing) + 1;
    await printer.listen();
    if (options.refuse) await printer.setRefuse(true);
    return printer;
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `tcp://${this.host}:${this.boundPort}`;
  }

  setPaperOut(paperOut: boolean): void {
    this.paperOut = paperOut;
  }

  setCoverOpen(coverOpen: boolean): void {
    this.coverOpen = coverOpen;
  }

  setAnswersStatus(answers: boolean): void {
    this.answersStatus = answers;
  }

  /** true: stop listening and drop every open connection at once; false: listen again on the same port. */
  async setRefuse(refuse: boolean): Promise<void> {
    if (refuse === this.refusing) return;
    this.refusing = refuse;
    if (refuse) {
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      for (const socket of this.sockets) socket.destroy();
      await closed;
    } else {
      await this.listen();
    }
  }

  /** Waits for PNGs still being written, stops listening and drops connections. */
  async close(): Promise<void> {
    if (!this.refusing) await this.setRefuse(true);
    await this.writes;
  }

  /** Resolves once every job received so far has its PNG on disk. */
  async flushed(): Promise<void> {
    await this.writes;
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.boundPort, this.host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        if (address && typeof address === 'object') this.boundPort = address.port;
        resolve();
      });
    });
  }

  private statusByte(n: number): number {
    const base = 0x12; // bits 1 and 4 are always set in a DLE EOT reply
    const stopped = this.paperOut || this.coverOpen;
    switch (n) {
      case 1:
        return base | (stopped ? 0x08 : 0);
      case 2:
        return base | (this.coverOpen ? 0x04 : 0) | (this.paperOut ? 0x20 : 0);
      case 4:
        return base | (this.paperOut ? 0x6c : 0);
      default:
        return base;
    }
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const decoder = new EscPosDecoder();
    const handle = (events: ReturnType<EscPosDecoder['push']>) => {
      for (const event of events) {
        if (event.type === 'status-request') {
          if (this.answersStatus && !socket.destroyed) socket.write(Uint8Array.of(this.statusByte(event.n)));
        } else if (event.type === 'unsupported') {
          this.emit('unsupported', event.description);
        } else {
          this.finishJob(event.bitmap);
        }
      }
    };
    socket.on('data', (chunk: Buffer) => handle(decoder.push(chunk)));
    socket.on('end', () => handle(decoder.end()));
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private finishJob(bitmap: MonoBitmap): void {
    const receivedAt = new Date();
    if (this.paperOut || this.coverOpen) {
      this.emit('discarded', { width: bitmap.width, height: bitmap.height, receivedAt });
      return;
    }
    const file = join(this.options.outDir, `ticket-${String(this.nextNumber).padStart(4, '0')}.png`);
    this.nextNumber += 1;
    const job: VirtualPrinterJob = { file, width: bitmap.width, height: bitmap.height, receivedAt, bitmap };
    // jobs and the event come in the same chain as the write, so flushed() covers them too.
    this.writes = this.writes
      .then(() => writeFile(file, monoBitmapToPng(bitmap)))
      .then(
        () => {
          this.jobs.push(job);
          this.emit('job', job);
        },
        (error: unknown) => this.emit('unsupported', `không ghi được ${file}: ${String(error)}`),
      )
      .catch((error: unknown) => {
        // A listener threw: surface it as EventEmitter would, but keep later jobs flowing.
        process.nextTick(() => {
          throw error;
        });
      });
  }
}

export function startVirtualPrinter(options: VirtualPrinterOptions): Promise<VirtualPrinter> {
  return VirtualPrinter.start(options);
}
