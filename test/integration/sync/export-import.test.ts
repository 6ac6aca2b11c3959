import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskCore } from '../../../electron/core/kiosk-core.ts';
import { DEMO_PIN, DEMO_TECHNICIAN_PIN } from '../../../shared/domain/demo-config.ts';
import { FakeClock } from '../../support/core-fixtures.ts';
import { freshDatabase } from '../server/support.ts';
import { enrolmentCode, phuLuc2, startCentral, tempFolder } from './central.ts';

const ROOT = join(import.meta.dirname, '../../..');
/** The real command line from source, run to its end (no server in this process is needed meanwhile). */
function hailong(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/index.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('a kiosk that cannot sync: export file → server', () => {
  it('`hailong kiosk export` + `hailong sync import` give the same Phụ lục 2 as syncing; importing again counts once', async () => {
    // Kiosk A syncs over the network to server 1.
    const db1 = await freshDatabase('sqlite');
    cleanups.push(db1.cleanup);
    const clock = new FakeClock();
    const server1 = await startCentral(db1.options, 0, { now: clock.now });
    cleanups.push(() => server1.app.close());
    const folder = tempFolder('hailong-sync-export-');
    cleanups.push(folder.cleanup);
    const core = new KioskCore({ dataDir: folder.dir, now: clock.now, sync: { pollMs: 3_600_000 } });
    cleanups.push(() => core.close());
    await core.setTechnicianPin(DEMO_TECHNICIAN_PIN);
    await core.handlers['sync:enroll']({
      pin: DEMO_TECHNICIAN_PIN,
      serverUrl: server1.url,
      code: await enrolmentCode(server1),
    });
    await core.sync.syncNow();
    core.config.setSetting('kiosk.counterId', 'q-2');
    await core.handlers['officer:signIn']({ officerId: 'cb-004', pin: DEMO_PIN });
    const levels = ['tot', 'tot', 'kha', 'kem', 'trung_binh'];
    for (let i = 0; i < 40; i += 1) {
      clock.advance(i % 8 === 7 ? 2_000 : 9_000);
      await core.handlers['ratings:submit']({ level: levels[i % levels.length]! });
    }
    expect((await core.sync.syncNow()).pending).toBe(0);
    const viaSync = await phuLuc2(server1, '2026-11-28');

    // The same kiosk's data carried on a file to server 2.
    const out = join(folder.dir, 'su-kien.jsonl');
    const exported = hailong('kiosk', 'export', '--data-dir', folder.dir, '--out', out);
    expect(exported.status, exported.stderr).toBe(0);
    const events = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(events).toHaveLength(41); // the sign-in and 40 ratings

    const db2 = await freshDatabase('sqlite');
    cleanups.push(db2.cleanup);
    const server2 = await startCentral(db2.options);
    cleanups.push(() => server2.app.close());
    // `hailong sync import` writes to the database the running server uses, through the same ingest.
    const imported = hailong('sync', 'import', out, '--db', db2.options.dbFile!, '--device-name', 'Kiosk mang tệp');
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Đã nhận 41 sự kiện mới, 0 sự kiện đã có, 0 bị từ chối.');
    const twice = hailong('sync', 'import', out, '--db', db2.options.dbFile!, '--device-name', 'Kiosk mang tệp');
    expect(twice.stdout).toContain('Đã nhận 0 sự kiện mới, 41 sự kiện đã có, 0 bị từ chối.');
    // Into the server that already has them by sync, naming the enrolled kiosk: nothing new either.
    const deviceId = core.sync.status().deviceId!;
    const overSync = hailong('sync', 'import', out, '--db', db1.options.dbFile!, '--device-id', deviceId);
    expect(overSync.stdout).toContain('Đã nhận 0 sự kiện mới, 41 sự kiện đã có, 0 bị từ chối.');
    expect(await phuLuc2(server1, '2026-11-28')).toMatchObject({ rows: viaSync.rows, misuseExcluded: 5 });

    const viaFile = await phuLuc2(server2, '2026-11-28');
    expect(viaFile.rows).toEqual(viaSync.rows);
    expect(viaFile.misuseExcluded).toBe(viaSync.misuseExcluded);
    expect(viaSync.misuseExcluded).toBe(5);
    expect(viaSync.totals.reduce((a, b) => a + b, 0)).toBe(35);
  }, 90_000);
});
