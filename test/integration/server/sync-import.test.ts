import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';
import { auth, startTestServer, type TestServer } from './support.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');

async function cli(args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], { cwd: ROOT });
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    return { stdout: failed.stdout, code: failed.code };
  }
}

describe('hailong sync import of a kiosk export file', () => {
  let s: TestServer;
  let kiosk: DemoCore;
  beforeEach(async () => {
    s = await startTestServer('sqlite', { demo: true });
    kiosk = await demoCore();
  });
  afterEach(async () => {
    kiosk.close();
    await s.close();
  });

  it('loads the file through the idempotent path: a second import counts nothing twice', async () => {
    for (const level of ['tot', 'tot', 'kha', 'kem']) {
      const result = await kiosk.core.handlers['ratings:submit']({ level });
      expect(result).toMatchObject({ ratingId: expect.any(String) as string });
      kiosk.clock.advance(60_000);
    }
    const events = [...kiosk.core.outbox.all()];
    const file = join(kiosk.dir, 'kiosk-export.jsonl');
    writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\nkhông phải json\n`);
    const dbFile = s.options.dbFile!;

    const first = await cli(['sync', 'import', file, '--db', dbFile, '--device-name', 'Kiosk quầy 1 (tệp)']);
    expect(first.stdout).toContain(`Đã nhận ${events.length} sự kiện mới, 0 sự kiện đã có, 1 bị từ chối.`);
    expect(first.stdout).toContain(`Dòng ${events.length + 1}: Dòng không phải JSON hợp lệ.`);
    expect(first.code).toBe(3);
    const second = await cli(['sync', 'import', file, '--db', dbFile, '--device-name', 'Kiosk quầy 1 (tệp)']);
    expect(second.stdout).toContain(`Đã nhận 0 sự kiện mới, ${events.length} sự kiện đã có`);

    const report = (
      await s.app.inject({ url: '/api/v1/reports/phu-luc-2?from=2026-11-28&to=2026-11-28', headers: auth(s.admin) })
    ).json<{ rows: { officerId: string; counts: number[] }[] }>();
    expect(report.rows.find((r) => r.officerId === 'cb-001')?.counts).toEqual([2, 1, 0, 1]);
    const devices = (await s.app.inject({ url: '/api/v1/devices', headers: auth(s.admin) })).json<
      { name: string; eventCount: number; gaps: number }[]
    >();
    expect(devices).toEqual([
      expect.objectContaining({ name: 'Kiosk quầy 1 (tệp)', eventCount: events.length, gaps: 0 }),
    ]);

    const wrongDevice = await cli(['sync', 'import', file, '--db', dbFile, '--device-id', 'kiosk-khong-co']);
    expect(wrongDevice.code).toBe(2);
  });
});
