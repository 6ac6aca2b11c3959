import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskEventSchema } from '../../../shared/domain/events.ts';
import { countRows, demoCore, tempDir, type DemoCore } from '../../support/core-fixtures.ts';

const ROOT = join(import.meta.dirname, '../../..');

/** Runs the real command line from source through tsx, as `hailong ...` would run the build. */
function hailong(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/index.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

let kiosk: DemoCore | undefined;
const cleanups: Array<() => void> = [];
afterEach(() => {
  kiosk?.close();
  kiosk = undefined;
  while (cleanups.length > 0) cleanups.pop()!();
});

describe('hailong kiosk export', () => {
  it('writes every event as one JSON line, in order, readable while the kiosk runs', async () => {
    kiosk = await demoCore();
    for (let i = 0; i < 20; i += 1) {
      kiosk.clock.advance(3_000);
      kiosk.core.ratings.submit({ counterId: 'q-1', level: 'kem', walkUpIntervalMs: 5_000 });
    }
    kiosk.core.duty.signOut('q-1');
    const out = join(kiosk.dir, 'su-kien.jsonl');
    const run = hailong('kiosk', 'export', '--data-dir', kiosk.dir, '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const total = countRows(kiosk.core, 'events');
    expect(run.stderr).toContain(`Đã xuất ${total} sự kiện vào ${out}`);
    const events = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => KioskEventSchema.parse(JSON.parse(line)));
    expect(events.length).toBe(total);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    // 3 s apart with a 5 s interval: every walk-up press after the first is flagged, and kept.
    const ratings = events.filter((e) => e.type === 'rating.submitted');
    expect(ratings.length).toBe(20);
    expect(ratings.filter((e) => e.misuse === true).length).toBe(19);
  });

  it('writes to standard output without --out', async () => {
    kiosk = await demoCore();
    const run = hailong('kiosk', 'export', '--data-dir', kiosk.dir);
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(countRows(kiosk.core, 'events'));
    expect(KioskEventSchema.parse(JSON.parse(lines[0]!)).type).toBe('officer.signed_in');
  });

  it('refuses a database from a newer hailong with a Vietnamese message and exit code 1', async () => {
    kiosk = await demoCore();
    kiosk.core.db.pragma('user_version = 99');
    const run = hailong('kiosk', 'export', '--data-dir', kiosk.dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('phiên bản hailong mới hơn');
    expect(run.stdout).toBe('');
  });
});

describe('hailong command-line mistakes', () => {
  it('answers an unknown subcommand with exit code 2 and a Vietnamese message', () => {
    const run = hailong('dongbo');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Không có lệnh "dongbo"');
    expect(run.stderr).toContain('Cách dùng:');
  });

  it('answers kiosk without --data-dir with exit code 2', () => {
    const run = hailong('kiosk', '--browser');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Thiếu --data-dir');
  });

  it('answers export without --data-dir with exit code 2', () => {
    const { dir, cleanup } = tempDir('hailong-cli-');
    cleanups.push(cleanup);
    const run = hailong('kiosk', 'export', '--out', join(dir, 'x.jsonl'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Thiếu --data-dir');
    expect(existsSync(join(dir, 'x.jsonl'))).toBe(false);
  });

  it('answers an unknown option with exit code 2 and the command usage', () => {
    const run = hailong('kiosk', '--browser', '--data-dir', 'x', '--colour', 'red');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('hailong kiosk --browser --data-dir DIR');
  });

  it('answers a bad port with exit code 2', () => {
    const run = hailong('kiosk', '--browser', '--data-dir', 'x', '--port', 'abc');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Cổng không hợp lệ: abc');
  });
});
