import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countDifferentPixels } from '../../../electron/printing/mono-bitmap.ts';
import { createTicketPrinter } from '../../../electron/printing/ticket-printer.ts';
import { renderTicket } from '../../../electron/printing/ticket-raster.ts';
import { startVirtualPrinter } from '../../../electron/printing/virtual-printer.ts';
import type { VirtualPrinter, VirtualPrinterJob } from '../../../electron/printing/virtual-printer.ts';
import { SAMPLE_TICKET, readPngAsMono } from '../../fixtures/tickets/sample-ticket.ts';

let dir: string;
let printer: VirtualPrinter;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hailong-vprinter-'));
  printer = await startVirtualPrinter({ outDir: dir, port: 0 });
});

afterEach(async () => {
  await printer.close();
  await rm(dir, { recursive: true, force: true });
});

const pngs = async () => (await readdir(dir)).filter((name) => name.endsWith('.png')).sort();

describe('printing to the virtual ESC/POS printer over TCP', () => {
  it.each([58, 80] as const)('decodes the ticket into a PNG equal to the rendered raster (%i mm)', async (paper) => {
    const ticketPrinter = createTicketPrinter({ transport: 'tcp', url: printer.url, paperWidth: paper });
    const job = once(printer, 'job') as Promise<[VirtualPrinterJob]>;
    expect(await ticketPrinter.print(SAMPLE_TICKET)).toEqual({ ok: true });
    const [received] = await job;
    expect(received.file).toBe(join(dir, 'ticket-0001.png'));
    expect(received.width).toBe(paper === 58 ? 384 : 576);
    const expected = renderTicket(SAMPLE_TICKET, paper);
    const decoded = await readPngAsMono(received.file);
    expect([decoded.width, decoded.height]).toEqual([expected.width, expected.height]);
    expect(countDifferentPixels(decoded, expected)).toBe(0);
  });

  it('numbers the PNGs in order and keeps concurrent prints apart', async () => {
    const ticketPrinter = createTicketPrinter({ transport: 'tcp', url: printer.url, paperWidth: 58 });
    const outcomes = await Promise.all(
      ['1001', '1002', '1003'].map((number) => ticketPrinter.print({ ...SAMPLE_TICKET, number })),
    );
    expect(outcomes).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    await printer.flushed();
    while (printer.jobs.length < 3) await once(printer, 'job');
    expect(await pngs()).toEqual(['ticket-0001.png', 'ticket-0002.png', 'ticket-0003.png']);
    for (const [index, number] of ['1001', '1002', '1003'].entries()) {
      const decoded = await readPngAsMono(join(dir, `ticket-000${index + 1}.png`));
      expect(countDifferentPixels(decoded, renderTicket({ ...SAMPLE_TICKET, number }, 58))).toBe(0);
    }
  });

  it('reports paper out in Vietnamese without printing, then reprints after new paper', async () => {
    const ticketPrinter = createTicketPrinter({ transport: 'tcp', url: printer.url, paperWidth: 80 });
    printer.setPaperOut(true);
    expect(await ticketPrinter.status()).toEqual({ state: 'paper_out', message: 'Máy in hết giấy' });
    expect(await ticketPrinter.print(SAMPLE_TICKET)).toEqual({
      ok: false,
      status: { state: 'paper_out', message: 'Máy in hết giấy' },
    });
    await printer.flushed();
    expect(await pngs()).toEqual([]);

    printer.setPaperOut(false);
    expect((await ticketPrinter.status()).state).toBe('ok');
    const job = once(printer, 'job');
    expect(await ticketPrinter.print(SAMPLE_TICKET)).toEqual({ ok: true });
    await job;
    expect(await pngs()).toEqual(['ticket-0001.png']);
  });

  it('reports an open cover', async () => {
    const ticketPrinter = createTicketPrinter({ transport: 'tcp', url: printer.url, paperWidth: 58 });
    printer.setCoverOpen(true);
    expect(await ticketPrinter.print(SAMPLE_TICKET)).toEqual({
      ok: false,
      status: { state: 'cover_open', message: 'Nắp máy in đang mở' },
    });
  });

  it('reports a refused connection as offline, then reprints once the printer is back', async () => {
    const ticketPrinter = createTicketPrinter({ transport: 'tcp', url: printer.url, paperWidth: 58 });
    await printer.setRefuse(true);
    const outcome = await ticketPrinter.print(SAMPLE_TICKET);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.status.state).toBe('offline');
    expect(outcome.status.message).toContain('Máy in không kết nối được');
    expect(outcome.status.message).toContain('từ chối kết nối');
    expect((await ticketPrinter.status()).state).toBe('offline');

    await printer.setRefuse(false);
    const job = once(printer, 'job');
    expect(await ticketPrinter.print(SAMPLE_TICKET)).toEqual({ ok: true });
    await job;
    expect(await pngs()).toEqual(['ticket-0001.png']);
  });

  it('still prints on a printer that never answers DLE EOT', async () => {
    printer.setAnswersStatus(false);
    const ticketPrinter = createTicketPrinter(
      { transport: 'tcp', url: printer.url, paperWidth: 58 },
      { statusTimeoutMs: 200 },
    );
    expect((await ticketPrinter.status()).state).toBe('unknown');
    const job = once(printer, 'job');
    expect(await ticketPrinter.print(SAMPLE_TICKET)).toEqual({ ok: true });
    await job;
    expect(await pngs()).toEqual(['ticket-0001.png']);
  });

  it('with no printer configured, tells the queue so instead of throwing', async () => {
    const none = createTicketPrinter({ transport: 'none', paperWidth: 58 });
    const outcome = await none.print(SAMPLE_TICKET);
    expect(outcome).toEqual({ ok: false, status: await none.status() });
    if (!outcome.ok) expect(outcome.status.message).toContain('chưa được cấu hình máy in');
    const os = createTicketPrinter({ transport: 'os', paperWidth: 58 });
    expect((await os.print(SAMPLE_TICKET)).ok).toBe(false);
  });
});
