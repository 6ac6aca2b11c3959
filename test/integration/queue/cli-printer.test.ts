import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserKiosk } from '../../../cli/commands/kiosk.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../../electron/printing/virtual-printer.ts';
import { tempDir } from '../../support/core-fixtures.ts';

const ROOT = join(import.meta.dirname, '../../..');

let running: Awaited<ReturnType<typeof startBrowserKiosk>> | undefined;
let printer: VirtualPrinter | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await running?.host.app.close();
  running?.core.close();
  running = undefined;
  await printer?.close();
  printer = undefined;
  while (cleanups.length > 0) cleanups.pop()!();
  // startBrowserKiosk installs its stop handlers; remove only those it added.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
    }
  }
});
const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

describe('hailong kiosk --printer', () => {
  it('prints the tickets taken through the browser host on the printer named by --printer', async () => {
    const { dir, cleanup } = tempDir('hailong-cli-printer-');
    cleanups.push(cleanup);
    printer = await startVirtualPrinter({ outDir: join(dir, 'png'), port: 0 });
    running = await startBrowserKiosk({ dataDir: join(dir, 'data'), port: 0, demo: true, printer: printer.url });
    const response = await fetch(`${running.host.url}api/invoke/queue:takeNumber`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'dv-chung-thuc' }),
    });
    const result = (await response.json()) as { ok: boolean; value: { number: string; printed: boolean } };
    expect(result).toMatchObject({ ok: true, value: { number: '1001', printed: true } });
    await printer.flushed();
    expect(printer.jobs).toHaveLength(1);
  });

  it('refuses an address it cannot use, in Vietnamese, before starting anything', () => {
    const { dir, cleanup } = tempDir('hailong-cli-printer-');
    cleanups.push(cleanup);
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'cli/index.ts'),
        'kiosk',
        '--browser',
        '--data-dir',
        dir,
        '--printer',
        'ftp://may-in:21',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Không hỗ trợ giao thức "ftp://"');
  });
});
