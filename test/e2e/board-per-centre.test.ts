import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { KioskEvents, newPage, startConsoleServer } from './console-support.ts';

const OUT_DIR = 'test-results/screenshots';
const B_NAME = 'Bộ phận Một cửa xã Hòa Bình';

/** Issue 13 §1: one waiting-room board per centre, at /board/<centre code>. */
describe('a board per centre', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);

  it("each centre's board shows its name and its own calls only; an unknown code says so", async () => {
    mkdirSync(OUT_DIR, { recursive: true });
    const s = server();
    const centres = await s.call<Array<{ id: number; code: string; name: string }>>('GET', '/api/v1/centres');
    const first = centres.json[0]!;
    const created = await s.call<{ id: number; code: string }>('POST', '/api/v1/centres', {
      code: 'HOABINH',
      name: B_NAME,
    });
    expect(created.status).toBe(201);
    const b = created.json;
    expect(
      (await s.call('POST', '/api/v1/counters', { id: 'xb-1', number: 1, name: 'Quầy 1 xã', centreId: b.id })).status,
    ).toBe(201);
    expect(
      (
        await s.call('POST', '/api/v1/officers', {
          id: 'cb-xb1',
          fullName: 'Lò Văn Xã',
          agencyId: 'ag-11',
          centreId: b.id,
        })
      ).status,
    ).toBe(201);
    const kioskA = await s.enroll('Kiosk quầy 1 tỉnh');
    const code = await s.call<{ code: string }>('POST', '/api/v1/devices/enrollment-codes', { centreId: b.id });
    const kioskB = await s.call<{ token: string }>('POST', '/api/v1/devices/enroll', {
      code: code.json.code,
      name: 'Kiosk quầy 1 xã',
    });
    expect(kioskB.status).toBe(201);

    const { context, page } = await newPage(browser(), { width: 1920, height: 1080 });
    const other = await context.newPage();
    await page.goto(`${s.url}/board/${first.code}`);
    await other.goto(`${s.url}/board/hoabinh`);
    await page.getByText(first.name).waitFor();
    await other.getByText(B_NAME).waitFor();
    await page.getByText('Chưa có số nào được gọi hôm nay.').waitFor();
    await other.getByText('Chưa có số nào được gọi hôm nay.').waitFor();

    // Each centre calls its number at its counter 1; each board hears only its own, live.
    const qa = new KioskEvents('q-1', 'cb-001', 'ag-11');
    const qb = new KioskEvents('xb-1', 'cb-xb1', 'ag-11');
    const a = qa.issue('1001', 'dv-chung-thuc');
    const bt = qb.issue('1002', 'dv-chung-thuc');
    const syncedA = await s.sync(kioskA.token, [qa.signIn(), a.event, qa.call(a.ticketId)]);
    const syncedB = await s.sync(kioskB.json.token, [qb.signIn(), bt.event, qb.call(bt.ticketId)]);
    expect([syncedA.json.rejected, syncedB.json.rejected]).toEqual([[], []]);
    await page.getByRole('listitem', { name: 'Quầy số 1: số 1001' }).waitFor({ timeout: 15_000 });
    await other.getByRole('listitem', { name: 'Quầy 1 xã: số 1002' }).waitFor({ timeout: 15_000 });
    // Give a stray call time to arrive before looking for its absence.
    await page.waitForTimeout(1_000);
    const bodyA = (await page.locator('body').textContent()) ?? '';
    const bodyB = (await other.locator('body').textContent()) ?? '';
    expect(bodyA).toContain('1001');
    expect(bodyA).not.toContain('1002');
    expect(bodyA).not.toContain('Quầy 1 xã');
    expect(bodyB).toContain('1002');
    expect(bodyB).not.toContain('1001');
    expect(bodyB).not.toContain(first.name);
    expect(await other.title()).toBe(`Bảng gọi số – ${B_NAME}`);
    await page.screenshot({ path: join(OUT_DIR, 'board-centre-first.png') });
    await other.screenshot({ path: join(OUT_DIR, 'board-centre-hoabinh.png') });

    // `/board` alone is still the first centre's board.
    const plain = await context.newPage();
    await plain.goto(`${s.url}/board`);
    await plain.getByRole('listitem', { name: 'Quầy số 1: số 1001' }).waitFor();
    expect((await plain.locator('body').textContent()) ?? '').not.toContain('1002');

    // A wrong address: a clear message instead of an empty board that looks alive.
    const wrong = await context.newPage();
    const response = await wrong.goto(`${s.url}/board/KHONG-CO`);
    expect(response?.status()).toBe(200);
    await wrong.getByRole('alert').getByText('Không tìm thấy trung tâm mã “KHONG-CO”').waitFor();
    expect((await wrong.locator('body').textContent()) ?? '').not.toContain('Đang phục vụ');
    await wrong.screenshot({ path: join(OUT_DIR, 'board-centre-unknown.png') });
    await context.close();
  });
});
