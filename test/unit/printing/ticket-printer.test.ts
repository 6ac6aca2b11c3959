import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countDifferentPixels } from '../../../electron/printing/mono-bitmap.ts';
import { createTicketPrinter } from '../../../electron/printing/ticket-printer.ts';
import type { OsPrinter } from '../../../electron/printing/ticket-printer.ts';
import { renderTicket } from '../../../electron/printing/ticket-raster.ts';
import { SAMPLE_TICKET, readPngAsMono } from '../../fixtures/tickets/sample-ticket.ts';

describe('ticket printer through the OS printer port', () => {
  it('hands the OS printer a PNG of exactly the ticket raster', async () => {
    const printed: Buffer[] = [];
    const osPrinter: OsPrinter = {
      printPng(png) {
        printed.push(png);
        return Promise.resolve();
      },
    };
    const printer = createTicketPrinter({ transport: 'os', paperWidth: 80 }, { osPrinter });
    expect(await printer.print(SAMPLE_TICKET)).toEqual({ ok: true });
    expect(printed).toHaveLength(1);
    const dir = await mkdtemp(join(tmpdir(), 'hailong-os-printer-'));
    try {
      await writeFile(join(dir, 'ticket.png'), printed[0]!);
      const decoded = await readPngAsMono(join(dir, 'ticket.png'));
      expect(countDifferentPixels(decoded, renderTicket(SAMPLE_TICKET, 80))).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('turns a driver failure into ok:false with a Vietnamese message instead of throwing', async () => {
    const osPrinter: OsPrinter = { printPng: () => Promise.reject(new Error('Print job canceled')) };
    const printer = createTicketPrinter({ transport: 'os', paperWidth: 58 }, { osPrinter });
    expect(await printer.print(SAMPLE_TICKET)).toEqual({
      ok: false,
      status: { state: 'unknown', message: 'Không in được phiếu: Print job canceled' },
    });
    expect((await printer.status()).state).toBe('unknown');
  });

  it('reports content that cannot be drawn instead of throwing, and prints without a QR when there is none', async () => {
    const pngs: Buffer[] = [];
    const osPrinter: OsPrinter = {
      printPng(png) {
        pngs.push(png);
        return Promise.resolve();
      },
    };
    const printer = createTicketPrinter({ transport: 'os', paperWidth: 58 }, { osPrinter });
    expect(await printer.print({ ...SAMPLE_TICKET, qrText: 'x'.repeat(5000) })).toEqual({
      ok: false,
      status: { state: 'unknown', message: 'Không in được phiếu: Nội dung mã QR quá dài để in (5000 ký tự)' },
    });
    expect(await printer.print({ ...SAMPLE_TICKET, qrText: '' })).toEqual({ ok: true });
    expect(renderTicket({ ...SAMPLE_TICKET, qrText: '' }, 58).height).toBeLessThan(
      renderTicket(SAMPLE_TICKET, 58).height,
    );
  });

  it('refuses a tcp or device printer without an address, without throwing', async () => {
    const outcome = await createTicketPrinter({ transport: 'tcp', paperWidth: 58 }).print(SAMPLE_TICKET);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.status.message).toContain('Chưa nhập địa chỉ máy in');
  });
});
