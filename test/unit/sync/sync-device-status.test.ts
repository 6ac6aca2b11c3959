import { afterEach, describe, expect, it } from 'vitest';
import { SyncRequestSchema } from '../../../shared/contract/sync-protocol.ts';
import { DEMO_TECHNICIAN_PIN } from '../../../shared/domain/demo-config.ts';
import type { QueuePrinter } from '../../../electron/core/queue/printer-port.ts';
import type { PrinterStatus } from '../../../electron/printing/printer-status.ts';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';
import { FakeServer } from './fake-server.ts';

let kiosk: DemoCore | undefined;
afterEach(() => {
  kiosk?.close();
  kiosk = undefined;
});

/** A printer that answers whatever state the test sets. */
function fakePrinter(initial: PrinterStatus): QueuePrinter & { current: PrinterStatus } {
  const printer = {
    current: initial,
    status: () => Promise.resolve(printer.current),
    print: () => Promise.resolve({ ok: false as const, status: printer.current }),
  };
  return printer;
}

async function enrol(k: DemoCore): Promise<void> {
  await k.core.handlers['sync:enroll']({
    pin: DEMO_TECHNICIAN_PIN,
    serverUrl: 'http://central.test:8080/',
    code: 'ABCD-1234',
  });
  await k.core.sync.syncNow();
}

function rate(k: DemoCore, count: number): void {
  for (let i = 0; i < count; i += 1) {
    k.clock.advance(6_000);
    k.core.ratings.submit({ counterId: 'q-1', level: 'tot', walkUpIntervalMs: 5_000 });
  }
}

describe('SyncClient: device status', () => {
  it('reports the printer and the events waiting with each request', async () => {
    const server = new FakeServer();
    const printer = fakePrinter({ state: 'ok', message: 'Máy in sẵn sàng.' });
    kiosk = await demoCore({ printer, sync: { fetch: server.fetch, pollMs: 60_000 } });
    await enrol(kiosk);

    printer.current = { state: 'paper_out', message: 'Máy in hết giấy.' };
    await kiosk.core.queue.refreshPrinter();
    rate(kiosk, 3);
    const before = server.requests.length;
    await kiosk.core.sync.syncNow();

    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(1);
    const body = sent[0]!.body;
    // Whatever the kiosk sends must pass the server's own schema.
    expect(SyncRequestSchema.safeParse(body).success).toBe(true);
    // Pending as it will be once this batch is acknowledged (issue 9 item 15): the whole outbox fits.
    expect(body.status).toEqual({
      printer: { state: 'paper_out', message: 'Máy in hết giấy.' },
      pending: 0,
    });
    expect(body.events.length).toBeGreaterThanOrEqual(3);

    // Once delivered, the next report says nothing is waiting.
    kiosk.clock.advance(120_000);
    await kiosk.core.sync.syncNow();
    expect(server.requests.at(-1)!.body.status).toMatchObject({ pending: 0 });
  });

  it('reports no printer as null when none is configured', async () => {
    const server = new FakeServer();
    kiosk = await demoCore({ sync: { fetch: server.fetch, pollMs: 60_000, appVersion: '9.9.9' } });
    await enrol(kiosk);
    // The first exchange carries the demo officer's sign-in; once it is acknowledged nothing waits.
    const body = server.requests[0]!.body;
    expect(body.events.length).toBeGreaterThan(0);
    expect(body.status).toEqual({ printer: null, pending: 0, appVersion: '9.9.9' });
  });
});

describe('SyncRequestSchema: status', () => {
  const base = { deviceTime: '2026-11-28T10:00:00+07:00', events: [] };

  it('accepts a request without status, as old kiosks send', () => {
    expect(SyncRequestSchema.safeParse(base).success).toBe(true);
  });

  it('rejects an unknown printer state and a negative count; strips fields it does not know', () => {
    const bad = [
      { printer: { state: 'on_fire', message: '' }, pending: 0 },
      { printer: null, pending: -1 },
      { printer: null, pending: 1.5 },
    ];
    for (const status of bad) expect(SyncRequestSchema.safeParse({ ...base, status }).success).toBe(false);
    const newer = SyncRequestSchema.safeParse({ ...base, status: { printer: null, pending: 0, battery: 80 } });
    expect(newer.success).toBe(true);
    expect(newer.data?.status).toEqual({ printer: null, pending: 0 });
  });
});
