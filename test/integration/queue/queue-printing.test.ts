import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printerFromUrl } from '../../../electron/core/queue/printer-from-url.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../../electron/printing/virtual-printer.ts';
import { demoCore, tempDir, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore | undefined;
let printer: VirtualPrinter | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  kiosk?.close();
  kiosk = undefined;
  await printer?.close();
  printer = undefined;
  while (cleanups.length > 0) cleanups.pop()!();
});

async function setUp(): Promise<{ kiosk: DemoCore; printer: VirtualPrinter; outDir: string }> {
  const { dir, cleanup } = tempDir('hailong-queue-print-');
  cleanups.push(cleanup);
  const outDir = join(dir, 'tickets');
  printer = await startVirtualPrinter({ outDir, port: 0 });
  kiosk = await demoCore({ printer: printerFromUrl(printer.url) });
  return { kiosk, printer, outDir };
}

describe('queue with the virtual ESC/POS printer', () => {
  it('prints the ticket as a PNG raster on the virtual printer', async () => {
    const { kiosk, printer } = await setUp();
    const ticket = await kiosk.core.queue.takeNumber('dv-chung-thuc');
    expect(ticket).toMatchObject({ number: '1001', printed: true });
    await printer.flushed();
    expect(printer.jobs).toHaveLength(1);
    expect(existsSync(printer.jobs[0]!.file)).toBe(true);
    expect(printer.jobs[0]!.width).toBe(576);
  });

  it('paper out: the ticket is issued and shown, the officer sees the alert, a reprint succeeds after recovery', async () => {
    const { kiosk, printer } = await setUp();
    printer.setPaperOut(true);
    const ticket = await kiosk.core.queue.takeNumber('dv-ho-tich');
    expect(ticket).toMatchObject({ number: '2001', printed: false });
    expect(ticket.printerMessage).toContain('hết giấy');
    expect(kiosk.core.state().queue.printer.state).toBe('paper_out');
    const view = kiosk.core.queue.officerView('q-1');
    expect(view.printer.state).toBe('paper_out');
    expect(view.unprinted.map((t) => t.ticketId)).toEqual([ticket.ticketId]);
    expect([...kiosk.core.outbox.all()].filter((e) => e.type === 'ticket.issued')).toHaveLength(1);

    printer.setPaperOut(false);
    expect(await kiosk.core.queue.reprint(ticket.ticketId)).toEqual({ printed: true });
    await printer.flushed();
    expect(printer.jobs).toHaveLength(1);
    expect(kiosk.core.state().queue.printer.state).toBe('ok');
    expect(kiosk.core.queue.officerView('q-1').unprinted).toEqual([]);
  });

  it('printer switched off: the ticket still exists and the state says offline', async () => {
    const { kiosk, printer } = await setUp();
    await printer.setRefuse(true);
    const ticket = await kiosk.core.queue.takeNumber('dv-chung-thuc');
    expect(ticket.printed).toBe(false);
    expect(kiosk.core.state().queue.printer.state).toBe('offline');
    expect(kiosk.core.queue.ticket(ticket.ticketId)!.status).toBe('waiting');
    await printer.setRefuse(false);
    expect((await kiosk.core.queue.refreshPrinter()).state).toBe('ok');
  });
});
