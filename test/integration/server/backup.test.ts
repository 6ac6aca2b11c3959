// `hailong server backup` on a live server with a real day's data, restored the documented way
// (docs/deployment.md) and served again: Phụ lục 2 must come back identical.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhuLuc2Report } from '../../../shared/domain/phu-luc-2.ts';
import { runCli, startCliServer, type CliServer } from '../../support/cli-server.ts';
import { call, provisionCounter, remoteEnroll, remoteLogin, remoteSync } from '../../support/remote-server.ts';
import { KioskEvents } from '../console/console-fixtures.ts';
import { ADMIN_PASSWORD, freshDatabase } from './support.ts';

const run = promisify(execFile);
const ENV = { HAILONG_ADMIN_PASSWORD: ADMIN_PASSWORD };
const LEVELS = ['tot', 'tot', 'tot', 'kha', 'tot', 'trung_binh', 'tot', 'kha', 'kem', 'tot'];
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** Two counters, two kiosks, a day of ratings (≈ 40 a working day per centre, here 5 days' worth). */
async function fillCentre(base: string): Promise<{ admin: string }> {
  const { token: admin } = await remoteLogin(base, 'admin', ADMIN_PASSWORD);
  for (const number of [1, 2]) {
    const { counterId, officerId } = await provisionCounter(base, admin, {
      number,
      agencyId: number === 1 ? 'ag-03' : 'ag-11',
    });
    const kiosk = await remoteEnroll(base, admin, `Kiosk quầy ${number}`);
    const start = Date.now() - 3 * 3_600_000;
    const q = new KioskEvents(counterId, officerId, number === 1 ? 'ag-03' : 'ag-11');
    const events: unknown[] = [q.signIn(new Date(start - 60_000))];
    for (let i = 0; i < 100; i += 1) {
      events.push(q.rate(LEVELS[(i + number) % LEVELS.length]!, { at: new Date(start + i * 60_000) }));
    }
    const result = await remoteSync(base, kiosk.token, events);
    expect(result.rejected).toEqual([]);
  }
  return { admin };
}

async function phuLuc2(
  base: string,
  admin: string,
): Promise<{ json: Omit<PhuLuc2Report, 'generatedAt'>; csv: string }> {
  const query = `from=2026-01-01&to=${vietnamToday()}`;
  const json = await call(base, 'GET', `/api/v1/reports/phu-luc-2?${query}&format=json`, {
    token: admin,
  });
  expect(json.status).toBe(200);
  const csv = await fetch(`${base}/api/v1/reports/phu-luc-2?${query}&format=csv`, {
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(csv.status).toBe(200);
  // Everything but the moment it was made.
  const rest: Partial<PhuLuc2Report> = { ...(json.body as PhuLuc2Report) };
  delete rest.generatedAt;
  return { json: rest as Omit<PhuLuc2Report, 'generatedAt'>, csv: await csv.text() };
}

describe('hailong server backup', () => {
  let dir = '';
  const servers: CliServer[] = [];
  let cleanups: (() => Promise<void>)[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-backup-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    for (const cleanup of cleanups) await cleanup();
    cleanups = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies a running SQLite server consistently; a server started on the restored file gives the same Phụ lục 2', async () => {
    const live = join(dir, 'central.db');
    const a = await startCliServer(['--db', live], ENV);
    servers.push(a);
    const { admin } = await fillCentre(a.url);
    const before = await phuLuc2(a.url, admin);
    expect(before.json.totals.reduce((x, y) => x + y, 0)).toBe(200);

    // The server is still running, its last writes still in the WAL.
    expect(existsSync(`${live}-wal`)).toBe(true);
    const out = join(dir, 'sao-luu.db');
    const backup = await runCli(['server', 'backup', '--db', live, '--out', out]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('200 lượt đánh giá');
    expect(existsSync(`${out}.partial`)).toBe(false);

    // Restore: the backup file becomes the database of a new server (docs/deployment.md).
    const restoredDir = mkdtempSync(join(dir, 'restored-'));
    const restored = join(restoredDir, 'central.db');
    copyFileSync(out, restored);
    const b = await startCliServer(['--db', restored], ENV);
    servers.push(b);
    const { token: adminB } = await remoteLogin(b.url, 'admin', ADMIN_PASSWORD);
    const after = await phuLuc2(b.url, adminB);
    expect(after.json).toEqual(before.json);
    expect(after.csv).toBe(before.csv);

    // Never overwrites; a missing source is said plainly.
    const again = await runCli(['server', 'backup', '--db', live, '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('đã có');
    const missing = await runCli(['server', 'backup', '--db', join(dir, 'khong-co.db'), '--out', join(dir, 'x.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Không có tệp cơ sở dữ liệu');
    const noOut = await runCli(['server', 'backup', '--db', live]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('Cần --out');
  }, 90_000);

  it('refuses a file that is not a hailong database and leaves nothing behind', async () => {
    const bogus = join(dir, 'khac.db');
    writeFileSync(bogus, 'không phải SQLite');
    const out = join(dir, 'sao-luu.db');
    const result = await runCli(['server', 'backup', '--db', bogus, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Không sao lưu được');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('dumps a running PostgreSQL server with pg_dump; pg_restore into a new database gives the same Phụ lục 2', async () => {
    const source = await freshDatabase('postgres');
    cleanups.push(source.cleanup);
    const a = await startCliServer(['--database-url', source.options.databaseUrl!], ENV);
    servers.push(a);
    const { admin } = await fillCentre(a.url);
    const before = await phuLuc2(a.url, admin);

    const out = join(dir, 'province.dump');
    const backup = await runCli(['server', 'backup', '--database-url', source.options.databaseUrl!, '--out', out]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('pg_restore');

    const target = await freshDatabase('postgres');
    cleanups.push(target.cleanup);
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.options.databaseUrl!}`, out]);
    const b = await startCliServer(['--database-url', target.options.databaseUrl!], ENV);
    servers.push(b);
    const { token: adminB } = await remoteLogin(b.url, 'admin', ADMIN_PASSWORD);
    const after = await phuLuc2(b.url, adminB);
    expect(after.json).toEqual(before.json);
    expect(after.csv).toBe(before.csv);

    // Without the PostgreSQL client tools the command says what to install.
    const noTools = await runCli(
      ['server', 'backup', '--database-url', source.options.databaseUrl!, '--out', join(dir, 'x.dump')],
      { PATH: '/nonexistent' },
    );
    expect(noTools.code).toBe(1);
    expect(noTools.stderr).toContain('postgresql-client');
    expect(existsSync(join(dir, 'x.dump'))).toBe(false);
  }, 90_000);
});
