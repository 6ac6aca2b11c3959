// Printing figures: raster render time of one ticket (goal p99 < 30 ms) beside drawing a blank
// canvas of the same size and reading its pixels, and the time to print one ticket to the
// virtual printer over loopback TCP beside sending the same bytes to a plain TCP sink.
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { encodeRasterJob } from '../../electron/printing/escpos.ts';
import { monoFromRgba } from '../../electron/printing/mono-bitmap.ts';
import { createTicketPrinter } from '../../electron/printing/ticket-printer.ts';
import { DOTS_PER_LINE, renderTicket } from '../../electron/printing/ticket-raster.ts';
import type { PaperWidth } from '../../electron/printing/ticket-raster.ts';
import { startVirtualPrinter } from '../../electron/printing/virtual-printer.ts';
import { SAMPLE_TICKET } from '../fixtures/tickets/sample-ticket.ts';
import { quantile, round } from './figure.ts';
import type { Figure } from './figure.ts';

const RENDERS = 100;
const PRINTS = 50;

function time(samples: number[], task: () => void): void {
  const start = performance.now();
  task();
  samples.push(performance.now() - start);
}

function benchRaster(paper: PaperWidth): Figure[] {
  const width = DOTS_PER_LINE[paper];
  const height = renderTicket(SAMPLE_TICKET, paper).height;
  const ticket: number[] = [];
  const blank: number[] = [];
  for (let i = 0; i < 5; i += 1) renderTicket(SAMPLE_TICKET, paper); // warm-up: fonts, JIT
  for (let i = 0; i < RENDERS; i += 1) {
    // Each render has its own number so nothing can be cached between renders.
    time(ticket, () => renderTicket({ ...SAMPLE_TICKET, number: String(1001 + i) }, paper));
    time(blank, () => {
      const ctx = createCanvas(width, height).getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, width, height);
      monoFromRgba(ctx.getImageData(0, 0, width, height).data, width, height);
    });
  }
  const baseline = `blank ${width}×${height} canvas filled, read and thresholded: p50 ${round(quantile(blank, 0.5))} ms`;
  return [
    {
      name: `printing.raster.${paper}mm.p50`,
      value: round(quantile(ticket, 0.5)),
      unit: 'ms',
      better: 'lower',
      baseline,
    },
    {
      name: `printing.raster.${paper}mm.p99`,
      value: round(quantile(ticket, 0.99)),
      unit: 'ms',
      goal: '< 30 ms',
      better: 'lower',
      baseline,
    },
    {
      name: `printing.raster.${paper}mm.blank-canvas.p50`,
      value: round(quantile(blank, 0.5)),
      unit: 'ms',
      better: 'lower',
    },
  ];
}

/** Connect, write, end and wait for the close: the bare cost of one job on loopback. */
async function rawSend(port: number, bytes: Uint8Array): Promise<void> {
  const socket = new Socket();
  socket.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.end(bytes);
  await once(socket, 'close');
}

async function benchSend(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hailong-bench-printing-'));
  const printer = await startVirtualPrinter({ outDir: dir, port: 0 });
  const sink = createServer((socket) => {
    socket.resume();
  });
  sink.listen(0, '127.0.0.1');
  await once(sink, 'listening');
  const sinkPort = (sink.address() as { port: number }).port;
  try {
    const ticketPrinter = createTicketPrinter({ transport: 'tcp', url: printer.url, paperWidth: 80 });
    const bytes = encodeRasterJob(renderTicket(SAMPLE_TICKET, 80));
    const printed: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < 3; i += 1) await ticketPrinter.print(SAMPLE_TICKET);
    for (let i = 0; i < PRINTS; i += 1) {
      const start = performance.now();
      // Until the virtual printer has decoded the whole job: the last byte has arrived.
      const job = once(printer, 'job');
      const outcome = await ticketPrinter.print({ ...SAMPLE_TICKET, number: String(2001 + i) });
      if (!outcome.ok) throw new Error(outcome.status.message);
      await job;
      printed.push(performance.now() - start);
      const rawStart = performance.now();
      await rawSend(sinkPort, bytes);
      raw.push(performance.now() - rawStart);
    }
    const baseline = `the same ${bytes.length}-byte job sent to a plain TCP sink: p50 ${round(quantile(raw, 0.5))} ms`;
    return [
      {
        name: 'printing.tcp-print.80mm.p50',
        value: round(quantile(printed, 0.5)),
        unit: 'ms',
        better: 'lower',
        baseline,
      },
      {
        name: 'printing.tcp-print.80mm.p99',
        value: round(quantile(printed, 0.99)),
        unit: 'ms',
        better: 'lower',
        baseline,
      },
      { name: 'printing.tcp-raw-send.p50', value: round(quantile(raw, 0.5)), unit: 'ms', better: 'lower' },
    ];
  } finally {
    sink.close();
    await printer.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchPrinting(): Promise<Figure[]> {
  return [...benchRaster(58), ...benchRaster(80), ...(await benchSend())];
}
