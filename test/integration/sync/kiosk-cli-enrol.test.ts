import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshDatabase } from '../server/support.ts';
import { api, enrolmentCode, startCentral, tempFolder, type Central } from './central.ts';

const ROOT = join(import.meta.dirname, '../../..');
const CLI = [process.execPath, '--import', 'tsx', join(ROOT, 'cli/index.ts')] as const;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function central(): Promise<Central> {
  const db = await freshDatabase('sqlite');
  cleanups.push(db.cleanup);
  const server = await startCentral(db.options);
  cleanups.push(() => server.app.close());
  return server;
}

/** Runs a command to its end without blocking this process, which hosts the server it talks to. */
async function hailong(...args: string[]): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(CLI[0], [...CLI.slice(1), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [status] = (await once(child, 'exit')) as [number | null];
  return { status, stderr };
}

/** Starts `hailong kiosk …` and resolves with its output once the kiosk prints its address. */
async function runKiosk(...args: string[]): Promise<{ child: ChildProcess; out: () => string }> {
  const child = spawn(CLI[0], [...CLI.slice(1), 'kiosk', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
  const deadline = Date.now() + 30_000;
  while (!out.includes('Kiosk (trình duyệt):')) {
    if (child.exitCode !== null) throw new Error(`kiosk exited early: ${out}`);
    if (Date.now() > deadline) throw new Error(`kiosk did not start: ${out}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, out: () => out };
}

async function devices(server: Central): Promise<Array<{ id: string; name: string; lastSyncAt: string | null }>> {
  return api(server.url, 'GET', '/api/v1/devices', server.admin);
}

describe('hailong kiosk --server URL --enroll CODE', () => {
  it('enrols once, runs and syncs; a second run with the same (now used) code reuses the enrolment', async () => {
    const server = await central();
    const data = tempFolder('hailong-cli-enrol-');
    cleanups.push(data.cleanup);
    const code = await enrolmentCode(server);
    const args = [
      '--browser',
      '--data-dir',
      data.dir,
      '--port',
      '0',
      '--demo',
      '--server',
      server.url,
      '--enroll',
      code,
    ];

    const first = await runKiosk(...args);
    expect(first.out()).toContain(`Đã đăng ký kiosk với máy chủ ${server.url}`);
    expect(await devices(server)).toHaveLength(1);
    // The running kiosk syncs on its own: its demo sign-in reaches the server.
    await vi.waitFor(
      async () => {
        const [device] = await devices(server);
        expect(device!.lastSyncAt).not.toBeNull();
        expect((device as { eventCount?: number }).eventCount).toBeGreaterThan(0);
      },
      { timeout: 20_000, interval: 250 },
    );
    first.child.kill('SIGTERM');
    await once(first.child, 'exit');

    const second = await runKiosk(...args);
    expect(second.out()).toContain(`Kiosk đã đăng ký với máy chủ ${server.url}; bỏ qua --enroll.`);
    expect(await devices(server)).toHaveLength(1);
  }, 90_000);

  it('refuses a wrong code, an address that is not http(s), and --enroll without --server, in Vietnamese', async () => {
    const server = await central();
    const data = tempFolder('hailong-cli-enrol-');
    cleanups.push(data.cleanup);

    const wrong = await hailong(
      'kiosk',
      '--browser',
      '--data-dir',
      data.dir,
      '--port',
      '0',
      '--server',
      server.url,
      '--enroll',
      'AAAA-BBBB-CCCC',
    );
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('Không đăng ký được kiosk: Mã đăng ký không đúng.');

    const ftp = await hailong(
      'kiosk',
      '--browser',
      '--data-dir',
      data.dir,
      '--server',
      'ftp://127.0.0.1',
      '--enroll',
      'AAAA-BBBB',
    );
    expect(ftp.status).toBe(2);
    expect(ftp.stderr).toContain('Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://');

    const alone = await hailong('kiosk', '--browser', '--data-dir', data.dir, '--enroll', 'AAAA-BBBB');
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--enroll MÃ cần đi kèm --server URL');

    // Nothing reachable on this port: a closed server.
    const closed = await startCentral((await freshDatabase('sqlite')).options);
    const deadUrl = closed.url;
    await closed.app.close();
    const down = await hailong(
      'kiosk',
      '--browser',
      '--data-dir',
      data.dir,
      '--server',
      deadUrl,
      '--enroll',
      'AAAA-BBBB',
    );
    expect(down.status).toBe(1);
    expect(down.stderr).toContain(`Không kết nối được máy chủ ${deadUrl}`);
    expect(await devices(server)).toHaveLength(0);
  }, 90_000);
});
