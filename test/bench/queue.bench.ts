import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KioskCore } from '../../electron/core/kiosk-core.ts';
import { printerFromUrl } from '../../electron/core/queue/printer-from-url.ts';
import { encodeRasterJob } from '../../electron/printing/escpos.ts';
import { renderTicket } from '../../electron/printing/ticket-raster.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../electron/printing/virtual-printer.ts';
import { DEMO_QUEUE_CONFIG, type QueueConfig } from '../../shared/domain/queue-config.ts';
import { launchChromium, openKiosk } from '../support/e2e-kiosk.ts';
import { quantile, round, type Figure } from './figure.ts';

const TICKETS = 200;
const WARM_UP = 10;

/** Counter 1 issues one service, so one tap on "Lấy số thứ tự" issues and prints. */
const SINGLE_SERVICE: QueueConfig = {
  ...DEMO_QUEUE_CONFIG,
  services: DEMO_QUEUE_CONFIG.services
    .filter((s) => s.id !== 'dv-ho-tich')
    .map((s) => (s.id === 'dv-chung-thuc' ? { ...s, dailyCap: 999 } : s)),
};

/**
 * Resolves with the epoch time the n-th job's raster was complete at the virtual printer
 * (its decoder stamps the job when the last raster byte arrives; millisecond resolution).
 */
function nthJob(printer: VirtualPrinter, n: number, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const job = printer.jobs[n - 1];
      if (!job) return false;
      printer.off('job', onJob);
      clearTimeout(timer);
      resolve(job.receivedAt.getTime());
      return true;
    };
    const onJob = (): void => void check();
    const timer = setTimeout(() => {
      printer.off('job', onJob);
      reject(new Error(`Máy in ảo chưa nhận phiếu thứ ${String(n)} sau ${String(timeoutMs)} ms`));
    }, timeoutMs);
    printer.on('job', onJob);
    check();
  });
}

interface TapWindow {
  tapAt: number[];
}

/**
 * Chromium on the browser host with the virtual printer on TCP: from the pointerdown on
 * "Lấy số thứ tự" (page clock) to the moment the printer has the ticket's last raster byte.
 */
async function measureTapToPrinter(outDir: string): Promise<number[]> {
  const printer = await startVirtualPrinter({ outDir, port: 0 });
  const browser = await launchChromium();
  try {
    const kiosk = await openKiosk(browser, { printer: printerFromUrl(printer.url) });
    try {
      kiosk.core.queueStore.apply(SINGLE_SERVICE);
      kiosk.core.updateSettings({ idleTimeoutSeconds: 600 });
      const { page } = kiosk;
      await page.goto(kiosk.url);
      await page.locator('[data-screen="idle"]').waitFor();
      await page.evaluate(() => {
        const probe: TapWindow = { tapAt: [] };
        (window as unknown as TapWindow & Window).tapAt = probe.tapAt;
        document.addEventListener(
          'pointerdown',
          (event) => {
            if (event.target instanceof Element && event.target.closest('button')?.textContent === 'Lấy số thứ tự') {
              probe.tapAt.push(performance.timeOrigin + event.timeStamp);
            }
          },
          true,
        );
      });
      const take = page.getByRole('button', { name: 'Lấy số thứ tự', exact: true });
      const done = page.getByRole('button', { name: 'Xong', exact: true });
      const samples: number[] = [];
      for (let i = 1; i <= WARM_UP + TICKETS; i += 1) {
        const received = nthJob(printer, i);
        await take.click();
        const lastByte = await received;
        const tapAt = await page.evaluate((n) => (window as unknown as TapWindow).tapAt[n - 1]!, i);
        if (i > WARM_UP) samples.push(lastByte - tapAt);
        await done.click();
        await page.locator('[data-screen="idle"]').waitFor();
      }
      return samples;
    } finally {
      await kiosk.close();
    }
  } finally {
    await browser.close();
    await printer.close();
  }
}

/** Baseline 1: the core alone issuing a number (durable insert + event + estimate), no printing. */
async function measureBareTakeNumber(): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-bench-queue-core-'));
  const core = new KioskCore({ dataDir: dir });
  try {
    await core.seedDemo();
    core.queueStore.apply(SINGLE_SERVICE);
    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + TICKETS; i += 1) {
      const t0 = performance.now();
      await core.queue.takeNumber('dv-chung-thuc');
      if (i >= WARM_UP) samples.push(performance.now() - t0);
    }
    return samples;
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Baseline 2: the same ticket's ESC/POS bytes sent raw over a fresh TCP connection to a sink
 * on 127.0.0.1 that only counts bytes, timed to the arrival of the last one: the transport
 * floor under every printed ticket.
 */
async function measureRawSend(): Promise<number[]> {
  const job = encodeRasterJob(
    renderTicket(
      {
        centreName: 'Trung tâm Phục vụ hành chính công tỉnh',
        number: '1001',
        serviceName: 'Chứng thực bản sao',
        counterName: 'Quầy số 1',
        peopleAhead: 3,
        estimatedWaitMinutes: 15,
        issuedAt: new Date(),
        qrText: 'hailong:ticket/0190c2a4-0000-7000-8000-000000000000?so=1001',
      },
      80,
    ),
  );
  let onComplete: (() => void) | null = null;
  const sink = createServer((socket) => {
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= job.length) onComplete?.();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.address() as AddressInfo).port;
  try {
    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + TICKETS; i += 1) {
      const t0 = performance.now();
      const lastByte = new Promise<number>((resolve) => {
        onComplete = () => resolve(performance.now());
      });
      const socket = connect(port, '127.0.0.1', () => socket.end(job));
      const t1 = await lastByte;
      socket.destroy();
      if (i >= WARM_UP) samples.push(t1 - t0);
    }
    return samples;
  } finally {
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
}

export async function benchQueue(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-bench-queue-'));
  try {
    const bare = await measureBareTakeNumber();
    const raw = await measureRawSend();
    const taps = await measureTapToPrinter(join(dir, 'taps'));
    const baseline = `core takeNumber alone p50 ${String(round(quantile(bare, 0.5)))} ms / p99 ${String(
      round(quantile(bare, 0.99)),
    )} ms; raw TCP send of the same ticket's bytes p50 ${String(round(quantile(raw, 0.5)))} ms / p99 ${String(
      round(quantile(raw, 0.99)),
    )} ms`;
    const name = (q: string) =>
      `tap on "Lấy số thứ tự" → last byte at the virtual printer ${q} (Chromium, browser host, TCP, ${String(taps.length)} tickets)`;
    return [
      { name: name('p50'), value: round(quantile(taps, 0.5), 2), unit: 'ms', better: 'lower', baseline },
      { name: name('p99'), value: round(quantile(taps, 0.99), 2), unit: 'ms', goal: 300, better: 'lower', baseline },
      {
        name: `core takeNumber without printing p50 (${String(bare.length)} tickets)`,
        value: round(quantile(bare, 0.5)),
        unit: 'ms',
        better: 'lower',
      },
      {
        name: `core takeNumber without printing p99 (${String(bare.length)} tickets)`,
        value: round(quantile(bare, 0.99)),
        unit: 'ms',
        better: 'lower',
      },
      {
        name: `raw TCP send of one ticket's ESC/POS bytes → last byte at a sink p50 (${String(raw.length)} sends)`,
        value: round(quantile(raw, 0.5), 2),
        unit: 'ms',
        better: 'lower',
      },
      {
        name: `raw TCP send of one ticket's ESC/POS bytes → last byte at a sink p99 (${String(raw.length)} sends)`,
        value: round(quantile(raw, 0.99), 2),
        unit: 'ms',
        better: 'lower',
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
