import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  rating,
  startTestServer,
  sync,
  type SyncBody,
  type TestServer,
} from './support.ts';
import { runCli as cli, startCliServer } from '../../support/cli-server.ts';

describe('hailong server', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hailong-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates admin with a generated password printed once, and serves with --demo', async () => {
    const db = join(dir, 'central.db');
    const first = await startCliServer(['--db', db, '--demo']);
    let password = '';
    try {
      const match = /Đã tạo tài khoản quản trị "admin" với mật khẩu: (\S+)/.exec(first.output());
      expect(match).not.toBeNull();
      password = match![1]!;
      const health: unknown = await (await fetch(`${first.url}/healthz`)).json();
      expect(health).toEqual({ ok: true, db: 'sqlite' });
      const login = await fetch(`${first.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      const { token, mustChangePassword } = (await login.json()) as { token: string; mustChangePassword: boolean };
      // A generated password has been on a screen: nothing works until its owner replaces it.
      expect(mustChangePassword).toBe(true);
      const before = await fetch(`${first.url}/api/v1/officers`, { headers: auth(token) });
      expect(before.status).toBe(403);
      const changed = await fetch(`${first.url}/api/v1/auth/password`, {
        method: 'POST',
        headers: { ...auth(token), 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: password, newPassword: 'mat-khau-moi-cua-admin' }),
      });
      expect(changed.status).toBe(200);
      const officers = (await (
        await fetch(`${first.url}/api/v1/officers`, { headers: auth(token) })
      ).json()) as unknown[];
      expect(officers).toHaveLength(8);
    } finally {
      await first.stop();
    }
    const second = await startCliServer(['--db', db]);
    try {
      expect(second.output()).not.toContain('mật khẩu:');
      expect(second.output()).not.toContain(password);
    } finally {
      await second.stop();
    }
  });

  it('explains bad options in Vietnamese with exit code 2', async () => {
    const both = await cli(['server', '--db', join(dir, 'a.db'), '--database-url', 'postgres://x']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Chỉ dùng một trong hai: --db hoặc --database-url.');
    const report = await cli([
      'report',
      'phu-luc-2',
      '--from',
      '2026-02-30',
      '--to',
      '2026-03-01',
      '--db',
      join(dir, 'a.db'),
    ]);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('--from phải là một ngày có thật');
  });

  it('refuses a --db file that does not exist instead of reporting from a new empty database', async () => {
    const missing = join(dir, 'go-nham', 'central.db');
    writeFileSync(join(dir, 'staff.csv'), 'Họ và tên,"Cơ quan, đơn vị"\nA,Sở Tư pháp\n');
    writeFileSync(join(dir, 'export.json'), '{}');
    for (const args of [
      ['report', 'phu-luc-2', '--from', '2026-11-01', '--to', '2026-11-30', '--db', missing],
      ['staff', 'import', join(dir, 'staff.csv'), '--db', missing],
      ['sync', 'import', join(dir, 'export.json'), '--db', missing],
    ]) {
      const result = await cli(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Không có tệp cơ sở dữ liệu ${missing}`);
      expect(result.stdout).toBe('');
    }
    expect(existsSync(missing)).toBe(false);
  });
});

describe.each(BACKENDS)('hailong report on %s', (backend) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer(backend);
  });
  afterEach(async () => s.close());

  it('writes Phụ lục 2 as JSON to the screen and as XLSX to a file, from the same database', async () => {
    const device = await enrollDevice(s.app, s.admin);
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Đỗ Thị Ngọc Ánh', agencyId: 'ag-04' });
    await sync(s.app, device.token, [rating({ officerId: officer, agencyId: 'ag-04', level: 'kha' })]);
    const dbArgs = s.options.databaseUrl ? ['--database-url', s.options.databaseUrl] : ['--db', s.options.dbFile!];
    const json = await cli(['report', 'phu-luc-2', '--from', '2026-11-01', '--to', '2026-11-30', ...dbArgs]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { rows: { fullName: string; counts: number[] }[] };
    expect(report.rows.map((r) => [r.fullName, ...r.counts])).toEqual([['Đỗ Thị Ngọc Ánh', 0, 1, 0, 0]]);
    const out = join(mkdtempSync(join(tmpdir(), 'hailong-report-')), 'pl2.xlsx');
    const xlsx = await cli([
      'report',
      'phu-luc-2',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--format',
      'xlsx',
      '--out',
      out,
      ...dbArgs,
    ]);
    expect(xlsx.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const coverage = await cli(['report', 'coverage', '--from', '2026-11-01', '--to', '2026-11-30', ...dbArgs]);
    expect(JSON.parse(coverage.stdout)).toMatchObject({ rows: [{ fullName: 'Đỗ Thị Ngọc Ánh', ratingsReceived: 1 }] });
  });

  it('writes the CSV with `;` for a Vietnamese Excel when asked, `,` by default, and refuses other delimiters', async () => {
    const device = await enrollDevice(s.app, s.admin);
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Hà Thị Thu, Hằng', agencyId: 'ag-04' });
    await sync(s.app, device.token, [rating({ officerId: officer, agencyId: 'ag-04', level: 'tot' })]);
    const dbArgs = s.options.databaseUrl ? ['--database-url', s.options.databaseUrl] : ['--db', s.options.dbFile!];
    const dir = mkdtempSync(join(tmpdir(), 'hailong-report-csv-'));
    const period = ['--from', '2026-11-01', '--to', '2026-11-30', '--format', 'csv'];
    const semi = await cli([
      'report',
      'phu-luc-2',
      ...period,
      '--delimiter',
      'semicolon',
      '--out',
      join(dir, 'a.csv'),
      ...dbArgs,
    ]);
    expect(semi.code).toBe(0);
    const semiText = readFileSync(join(dir, 'a.csv'), 'utf8');
    const semiRow = semiText.split('\r\n').find((line) => line.includes('Hằng'))!;
    // One officer row: STT;name (quoted, it holds a comma);agency;four counts;…
    expect(semiRow.split(';').slice(0, 2)).toEqual(['1', '"Hà Thị Thu, Hằng"']);
    expect(semiRow.split(';').slice(3, 7)).toEqual(['1', '0', '0', '0']);
    const comma = await cli(['report', 'phu-luc-2', ...period, '--out', join(dir, 'b.csv'), ...dbArgs]);
    expect(comma.code).toBe(0);
    const commaRow = readFileSync(join(dir, 'b.csv'), 'utf8')
      .split('\r\n')
      .find((line) => line.includes('Hằng'))!;
    expect(commaRow.startsWith('1,"Hà Thị Thu, Hằng",')).toBe(true);
    const coverage = await cli([
      'report',
      'coverage',
      ...period,
      '--delimiter',
      'semicolon',
      '--out',
      join(dir, 'c.csv'),
      ...dbArgs,
    ]);
    expect(coverage.code).toBe(0);
    expect(
      readFileSync(join(dir, 'c.csv'), 'utf8')
        .split('\r\n')
        .find((l) => l.includes('Hằng'))!
        .split(';')[1],
    ).toBe('"Hà Thị Thu, Hằng"');
    const wrong = await cli(['report', 'phu-luc-2', ...period, '--delimiter', 'tab', ...dbArgs]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--delimiter phải là semicolon (;) hoặc comma (,)');
    const notCsv = await cli([
      'report',
      'phu-luc-2',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--delimiter',
      'comma',
      ...dbArgs,
    ]);
    expect(notCsv.code).toBe(2);
    expect(notCsv.stderr).toContain('--delimiter chỉ dùng với --format csv');
  });

  it('server reset-password gives admin a generated password that logs in, and ends the old sessions', async () => {
    const dbArgs = s.options.databaseUrl ? ['--database-url', s.options.databaseUrl] : ['--db', s.options.dbFile!];
    expect((await s.app.inject({ url: '/api/v1/officers', headers: auth(s.admin) })).statusCode).toBe(200);
    const reset = await cli(['server', 'reset-password', ...dbArgs, '--user', 'admin']);
    expect(reset.code).toBe(0);
    const password = /Mật khẩu mới của admin: (\S+)/.exec(reset.stdout)?.[1];
    expect(password).toMatch(/^[\w-]{16}$/);
    // The session someone may have left open on a lost laptop is over.
    expect((await s.app.inject({ url: '/api/v1/officers', headers: auth(s.admin) })).statusCode).toBe(401);
    const login = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password },
    });
    expect(login.statusCode).toBe(200);
    // The printed password must be replaced before anything else works.
    expect(login.json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(true);
    const token = login.json<{ token: string }>().token;
    const refused = await s.app.inject({ url: '/api/v1/officers', headers: auth(token) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('password_change_required');
    const changed = await s.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: auth(token),
      payload: { currentPassword: password, newPassword: 'mat-khau-rieng-cua-admin' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await s.app.inject({ url: '/api/v1/officers', headers: auth(token) })).statusCode).toBe(200);
    const unknown = await cli(['server', 'reset-password', ...dbArgs, '--user', 'khong-co']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Không có tài khoản "khong-co"');
    const missing = await cli(['server', 'reset-password', ...dbArgs]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cần --user');
  });

  it('server reconcile finds a wrong total, names it, and --fix makes Phụ lục 2 right again', async () => {
    const device = await enrollDevice(s.app, s.admin);
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Lò Văn Dũng', agencyId: 'ag-16' });
    const events = [
      rating({ officerId: officer, agencyId: 'ag-16' }),
      rating({ officerId: officer, agencyId: 'ag-16' }),
    ];
    await sync(s.app, device.token, events);
    const dbArgs = s.options.databaseUrl ? ['--database-url', s.options.databaseUrl] : ['--db', s.options.dbFile!];
    const clean = await cli(['server', 'reconcile', ...dbArgs]);
    expect(clean).toMatchObject({ code: 0, stdout: 'Các bảng tổng hợp khớp với dữ liệu gốc.\n' });

    // A total that drifted (a hand edit, a restored backup of one table …).
    await s.app.hailong.db.updateTable('rating_daily').set({ n: 7 }).where('officer_id', '=', officer).execute();
    const found = await cli(['server', 'reconcile', ...dbArgs]);
    expect(found.code).toBe(1);
    expect(found.stdout).toContain(`rating_daily [2026-11-28 · ${officer} · ag-16 · tot · 0] n: đang lưu 7, đếm lại 2`);
    expect(found.stdout).toContain('Chạy lại với --fix');
    const fixed = await cli(['server', 'reconcile', '--fix', ...dbArgs]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('Đã sửa 1 dòng tổng hợp');
    const report = await cli(['report', 'phu-luc-2', '--from', '2026-11-01', '--to', '2026-11-30', ...dbArgs]);
    expect((JSON.parse(report.stdout) as { totals: number[] }).totals).toEqual([2, 0, 0, 0]);
  });
});

describe('a CLI import and HTTP sync writing the same SQLite file at once', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer('sqlite');
  });
  afterEach(async () => s.close());

  it('both finish, and every event is stored once', async () => {
    const device = await enrollDevice(s.app, s.admin);
    const officer = await addOfficer(s.app, s.admin, { fullName: 'Phạm Quốc Việt', agencyId: 'ag-10' });
    const fileEvents = Array.from({ length: 3000 }, () => rating({ officerId: officer, agencyId: 'ag-10' }));
    const file = join(join(s.options.dbFile!, '..'), 'export.jsonl');
    writeFileSync(file, fileEvents.map((e) => JSON.stringify(e)).join('\n'));
    const importing = cli(['sync', 'import', file, '--db', s.options.dbFile!]);
    let accepted = 0;
    for (let i = 0; i < 20; i += 1) {
      const batch = Array.from({ length: 100 }, () => rating({ officerId: officer, agencyId: 'ag-10' }, uuidv7()));
      const res = await sync(s.app, device.token, batch);
      expect(res.statusCode).toBe(200);
      accepted += res.json<SyncBody>().accepted.length;
    }
    const imported = await importing;
    expect(imported.stdout).toContain('Đã nhận 3000 sự kiện mới');
    expect(accepted).toBe(2000);
    const report = (
      await s.app.inject({ url: '/api/v1/reports/phu-luc-2?from=2026-11-28&to=2026-11-28', headers: auth(s.admin) })
    ).json<{ totals: number[] }>();
    expect(report.totals).toEqual([5000, 0, 0, 0]);
  });
});
