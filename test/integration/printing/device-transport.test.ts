import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { constants, existsSync, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EscPosDecoder } from '../../../electron/printing/escpos-decoder.ts';
import { countDifferentPixels } from '../../../electron/printing/mono-bitmap.ts';
import { createTicketPrinter } from '../../../electron/printing/ticket-printer.ts';
import { renderTicket } from '../../../electron/printing/ticket-raster.ts';
import { startVirtualPrinter } from '../../../electron/printing/virtual-printer.ts';
import type { VirtualPrinterJob } from '../../../electron/printing/virtual-printer.ts';
import { SAMPLE_TICKET, readPngAsMono } from '../../fixtures/tickets/sample-ticket.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hailong-device-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function decodeJobs(bytes: Uint8Array) {
  const decoder = new EscPosDecoder();
  return [...decoder.push(bytes), ...decoder.end()].filter((event) => event.type === 'job');
}

const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
/** Off CI a missing tool skips its tests; on CI they run and fail, so a runner without it cannot pass silently. */
const skipWithout = (name: string) => !hasCommand(name) && !process.env.CI;
const requireCommand = (name: string) => {
  if (!hasCommand(name)) throw new Error(`${name} is required on CI for the device tests: install it (see .ci/run)`);
};

describe('printing to a device path', () => {
  it('appends each job to a file standing in for /dev/usb/lp0, decodable back to the raster', async () => {
    const device = join(dir, 'lp0');
    await writeFile(device, '');
    const printer = createTicketPrinter({ transport: 'device', url: device, paperWidth: 58 });
    expect(await printer.print(SAMPLE_TICKET)).toEqual({ ok: true });
    expect(await printer.print({ ...SAMPLE_TICKET, number: 'A1002' })).toEqual({ ok: true });
    const jobs = decodeJobs(await readFile(device));
    expect(jobs).toHaveLength(2);
    expect(countDifferentPixels(jobs[0]!.bitmap, renderTicket(SAMPLE_TICKET, 58))).toBe(0);
    expect(countDifferentPixels(jobs[1]!.bitmap, renderTicket({ ...SAMPLE_TICKET, number: 'A1002' }, 58))).toBe(0);
  });

  it('reports a missing device as offline and never creates it', async () => {
    const device = join(dir, 'usb', 'lp0');
    const outcome = await createTicketPrinter({ transport: 'device', url: device, paperWidth: 58 }).print(
      SAMPLE_TICKET,
    );
    expect(outcome).toEqual({
      ok: false,
      status: {
        state: 'offline',
        message: `Máy in không kết nối được (${device}: không thấy thiết bị — máy in chưa cắm cáp hoặc chưa bật)`,
      },
    });
    expect(existsSync(device)).toBe(false);
  });

  it.skipIf(skipWithout('mkfifo'))(
    'streams through a FIFO to a reader, and reports offline when nobody reads',
    async () => {
      requireCommand('mkfifo');
      const fifo = join(dir, 'printer.fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const printer = createTicketPrinter({ transport: 'device', url: fifo, paperWidth: 80 });

      const alone = await printer.print(SAMPLE_TICKET);
      expect(alone.ok).toBe(false);
      if (!alone.ok) expect(alone.status.message).toContain('không có thiết bị hay chương trình nào đang nhận');

      // Opened non-blocking so the read end exists before the printer opens the write end.
      const reader = new Socket({ fd: openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK), readable: true });
      const chunks: Buffer[] = [];
      reader.on('data', (chunk: Buffer) => chunks.push(chunk));
      const ended = once(reader, 'end');
      // The 80 mm job is larger than a pipe's buffer: this also exercises waiting on a full pipe.
      expect(await printer.print(SAMPLE_TICKET)).toEqual({ ok: true });
      await ended;
      const jobs = decodeJobs(Buffer.concat(chunks));
      expect(jobs).toHaveLength(1);
      expect(countDifferentPixels(jobs[0]!.bitmap, renderTicket(SAMPLE_TICKET, 80))).toBe(0);
    },
  );

  it('prints to a character device that never answers status (/dev/null)', async () => {
    const printer = createTicketPrinter(
      { transport: 'device', url: '/dev/null', paperWidth: 58 },
      { statusTimeoutMs: 100 },
    );
    expect((await printer.status()).state).toBe('unknown');
    expect(await printer.print(SAMPLE_TICKET)).toEqual({ ok: true });
  });

  describe.skipIf(skipWithout('socat'))('a serial line (a pseudo-terminal bridged to the virtual printer)', () => {
    let socat: ChildProcess | undefined;
    beforeEach(() => {
      requireCommand('socat');
    });
    afterEach(() => {
      socat?.kill();
    });

    it('prints through a raw tty, reads DLE EOT replies through it, and reports paper out', async () => {
      const printer = await startVirtualPrinter({ outDir: join(dir, 'out'), port: 0 });
      try {
        const tty = join(dir, 'ttyV0');
        // `raw,echo=0` are the line settings a technician sets with stty on a real serial port.
        socat = spawn('socat', [`pty,raw,echo=0,link=${tty},ignoreeof`, `tcp:127.0.0.1:${printer.port}`], {
          stdio: 'ignore',
        });
        for (let i = 0; i < 100 && !existsSync(tty); i += 1) await sleep(20);
        const ticketPrinter = createTicketPrinter({ transport: 'device', url: tty, paperWidth: 58 });
        expect(await ticketPrinter.status()).toEqual({ state: 'ok', message: 'Máy in sẵn sàng' });

        const job = once(printer, 'job') as Promise<[VirtualPrinterJob]>;
        expect(await ticketPrinter.print(SAMPLE_TICKET)).toEqual({ ok: true });
        const [received] = await job;
        expect(countDifferentPixels(await readPngAsMono(received.file), renderTicket(SAMPLE_TICKET, 58))).toBe(0);

        printer.setPaperOut(true);
        expect(await ticketPrinter.print(SAMPLE_TICKET)).toEqual({
          ok: false,
          status: { state: 'paper_out', message: 'Máy in hết giấy' },
        });
      } finally {
        await printer.close();
      }
    });
  });
});
