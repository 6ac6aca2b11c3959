import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countDifferentPixels } from '../../../electron/printing/mono-bitmap.ts';
import { createTicketPrinter } from '../../../electron/printing/ticket-printer.ts';
import { renderTicket } from '../../../electron/printing/ticket-raster.ts';
import { SAMPLE_TICKET, readPngAsMono } from '../../fixtures/tickets/sample-ticket.ts';

const ROOT = join(import.meta.dirname, '../../..');
const CLI = [process.execPath, '--import', 'tsx', join(ROOT, 'cli/index.ts')] as const;

let dir: string;
let child: ChildProcessWithoutNullStreams | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hailong-printer-cli-'));
});

afterEach(async () => {
  child?.kill('SIGTERM');
  child = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Starts `hailong printer --virtual` and returns its address and a reader of its stdout lines. */
async function startVirtual(extra: string[] = []) {
  const [node, ...args] = CLI;
  child = spawn(node, [...args, 'printer', '--virtual', '--port', '0', '--out', dir, ...extra], { cwd: ROOT });
  const stdout = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child!.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /tcp:\/\/127\.0\.0\.1:\d+/.exec(text);
      if (match) resolve(match[0]);
    });
    child!.once('exit', (code) => reject(new Error(`máy in ảo dừng (${code}): ${text}`)));
  });
  return { url, nextLine: async () => (await stdout.next()).value as string, child: child };
}

describe('hailong printer', () => {
  it('--virtual prints the path of each PNG it writes', async () => {
    const { url, nextLine } = await startVirtual();
    const printer = createTicketPrinter({ transport: 'tcp', url, paperWidth: 58 });
    expect(await printer.print(SAMPLE_TICKET)).toEqual({ ok: true });
    const file = await nextLine();
    expect(file).toBe(join(dir, 'ticket-0001.png'));
    expect(countDifferentPixels(await readPngAsMono(file), renderTicket(SAMPLE_TICKET, 58))).toBe(0);
  });

  it('--virtual --paper-out reports paper out, and SIGUSR1 puts paper back', async () => {
    const { url, nextLine, child: process_ } = await startVirtual(['--paper-out']);
    const printer = createTicketPrinter({ transport: 'tcp', url, paperWidth: 80 });
    expect(await printer.print(SAMPLE_TICKET)).toEqual({
      ok: false,
      status: { state: 'paper_out', message: 'Máy in hết giấy' },
    });
    const changed = new Promise<void>((resolve) => {
      process_.stderr.on('data', (chunk: Buffer) => {
        if (chunk.toString('utf8').includes('còn giấy')) resolve();
      });
    });
    process_.kill('SIGUSR1');
    await changed;
    expect(await printer.print(SAMPLE_TICKET)).toEqual({ ok: true });
    expect(await nextLine()).toBe(join(dir, 'ticket-0001.png'));
  });

  it('--virtual --refuse makes printing report offline', async () => {
    const { url } = await startVirtual(['--refuse']);
    const outcome = await createTicketPrinter({ transport: 'tcp', url, paperWidth: 58 }).print(SAMPLE_TICKET);
    expect(outcome.ok ? 'ok' : outcome.status.state).toBe('offline');
  });

  it('--test prints a sample ticket to a printer and says so', async () => {
    const { url, nextLine } = await startVirtual();
    const result = spawnSync(CLI[0], [...CLI.slice(1), 'printer', '--test', url, '--paper', '58'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.stdout).toContain('Trạng thái: Máy in sẵn sàng');
    expect(result.stdout).toContain('Đã in phiếu mẫu.');
    expect(result.status).toBe(0);
    expect(await nextLine()).toBe(join(dir, 'ticket-0001.png'));
  });

  it('explains a bad printer address in Vietnamese with exit code 2', () => {
    const result = spawnSync(CLI[0], [...CLI.slice(1), 'printer', '--test', 'http://printer:9100'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Không hỗ trợ giao thức "http://" cho máy in');
  });
});
