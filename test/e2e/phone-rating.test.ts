import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQRModule from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { printerFromUrl } from '../../electron/core/queue/printer-from-url.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../electron/printing/virtual-printer.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import type { CoverageReport } from '../../shared/domain/coverage-report.ts';
import type { DossierRatingRow } from '../../shared/domain/dossier-ratings.ts';
import {
  api,
  enrolmentCode,
  phuLuc2,
  rowCounts,
  startCentral,
  tempFolder,
  type Central,
} from '../integration/sync/central.ts';
import { launchChromium, openKiosk, type E2eKiosk } from '../support/e2e-kiosk.ts';
import { IdlePage, waitForText } from '../support/kiosk-pages.ts';

const OUT_DIR = 'test-results/screenshots';
const DOSSIER = 'HS-2026-000123';
/** jsqr is CommonJS: Node hands over the function itself, while its types describe `.default`. */
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** The text of the QR code in a printed ticket's PNG, as a phone camera reads it. */
async function decodeQr(file: string): Promise<string> {
  const image = await loadImage(readFileSync(file));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height);
  const code = jsQR(new Uint8ClampedArray(pixels.data), image.width, image.height);
  if (!code) throw new Error(`Không đọc được mã QR trên phiếu ${file}`);
  return code.data;
}

async function printed(printer: VirtualPrinter, count: number): Promise<void> {
  await expect.poll(() => printer.jobs.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
}

describe('rate later from the phone: the QR on the printed ticket, live status, one rating across channels', () => {
  let browser: Browser;
  let server: Central | undefined;
  let kiosk: E2eKiosk | undefined;
  let printer: VirtualPrinter | undefined;
  let folder: { dir: string; cleanup: () => void } | undefined;
  let outDir = '';
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(OUT_DIR, { recursive: true });
  });
  afterEach(async () => {
    await kiosk?.close();
    await printer?.close();
    await server?.app.close();
    folder?.cleanup();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });
  afterAll(async () => browser.close());

  it('a ticket is printed, its QR opens the phone page, which follows the call; the phone rates Khá; the kiosk refuses a second rating; Phụ lục 2, the funnel and the dossier export count it once', async () => {
    folder = tempFolder('hailong-e2e-phone-');
    server = await startCentral({ dbFile: join(folder.dir, 'central.db') });
    outDir = mkdtempSync(join(tmpdir(), 'hailong-e2e-phone-tickets-'));
    printer = await startVirtualPrinter({ outDir, port: 0 });
    kiosk = await openKiosk(browser, { printer: printerFromUrl(printer.url) });
    const { core } = kiosk;
    await core.sync.enroll({ serverUrl: server.url, code: await enrolmentCode(server), name: 'Kiosk quầy 1' });

    const citizen = kiosk.page;
    const idle = new IdlePage(citizen);
    await idle.open(kiosk.url);
    await button(citizen, 'Lấy số thứ tự').click();
    await button(citizen, 'Chứng thực bản sao').click();
    const number = await waitForText(citizen.getByTestId('ticket-number'), /\d{4}/);
    await printed(printer, 1);
    const url = await decodeQr(printer.jobs[0]!.file);
    expect(url).toMatch(new RegExp(`^${server.url}/r/[A-Za-z0-9_-]{22}$`));
    await button(citizen, 'Xong').click();
    await core.sync.syncNow();

    const phoneContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const phone = await phoneContext.newPage();
    await phone.goto(url);
    const card = phone.locator('.phone__card').first();
    await waitForText(card, number);
    await waitForText(card, 'Sắp đến lượt ông/bà.');
    // The ticket's centre is named on the page (issue 13 §1), as the board names it.
    const centre = (await (await fetch(`${server.url}/api/v1/board/centre`)).json()) as { name: string };
    expect(await card.locator('.phone__centre').textContent()).toBe(centre.name);
    expect(await phone.title()).toBe(`Phiếu của tôi – ${centre.name}`);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: join(OUT_DIR, 'phone-waiting-360.png'), fullPage: true });

    const officer = await kiosk.context.newPage();
    await officer.goto(`${kiosk.url}officer`);
    await waitForText(officer.getByRole('region', { name: /Đang chờ/ }), number);
    await button(officer, 'Gọi số tiếp theo').click();
    await waitForText(officer.getByRole('region', { name: 'Số đang ở quầy' }), number);
    await core.sync.syncNow();
    // The page follows the call by itself.
    await waitForText(card, 'Mời ông/bà đến Quầy số 1', 10_000);
    await phone.screenshot({ path: join(OUT_DIR, 'phone-called-360.png'), fullPage: true });

    // The officer finishes with the dossier code (typed here, as a barcode scanner would).
    await officer.locator('input[name="dossierCode"]').fill(DOSSIER);
    await button(officer, 'Hoàn thành').click();
    await citizen.locator('[data-screen="rating"]').waitFor();
    await core.sync.syncNow();
    await phone.getByRole('button', { name: 'Khá' }).waitFor({ timeout: 10_000 });
    await phone.screenshot({ path: join(OUT_DIR, 'phone-rate-360.png'), fullPage: true });
    await phone.getByRole('button', { name: 'Khá' }).click();
    await waitForText(card, 'Phiếu này đã được đánh giá. Cảm ơn ông/bà!');
    await phone.screenshot({ path: join(OUT_DIR, 'phone-rated-360.png'), fullPage: true });

    // The server tells the counter's kiosk through its queue feed; the kiosk's own prompt refuses.
    await expect
      .poll(() => core.db.prepare('SELECT count(*) AS n FROM tickets_rated_elsewhere').get(), { timeout: 15_000 })
      .toEqual({ n: 1 });
    await button(citizen, 'Khá').click();
    await waitForText(citizen.getByRole('alert'), 'đã được đánh giá qua điện thoại');
    await citizen.screenshot({ path: join(OUT_DIR, 'phone-kiosk-refuses-1280x800.png') });
    expect(core.db.prepare('SELECT count(*) AS n FROM ratings').get()).toEqual({ n: 0 });

    await core.sync.syncNow();
    const report = await phuLuc2(server, vietnamDay(new Date()));
    expect(rowCounts(report, 'cb-001')).toMatchObject({ tot: 0, kha: 1, trung_binh: 0, kem: 0 });
    // Once in the funnel, as a phone rating…
    const today = vietnamDay(new Date());
    const coverage = await api<CoverageReport>(
      server.url,
      'GET',
      `/api/v1/reports/coverage?from=${today}&to=${today}`,
      server.admin,
    );
    expect(coverage.funnel?.centre).toMatchObject({ served: 1, rated: 1, ratedByPhone: 1 });
    // …and once in the per-dossier export and lookup, with its channel.
    const dossiers = await api<{ rows: DossierRatingRow[] }>(
      server.url,
      'GET',
      `/api/v1/reports/dossiers?from=${today}&to=${today}&format=json`,
      server.admin,
    );
    expect(dossiers.rows.filter((row) => row.dossierCode === DOSSIER)).toMatchObject([
      { levelLabel: 'Khá', channel: 'Điện thoại (mã QR)' },
    ]);
    const lookup = await api<{ rows: DossierRatingRow[] }>(
      server.url,
      'GET',
      `/api/v1/ratings?dossier=${DOSSIER}`,
      server.admin,
    );
    expect(lookup.rows).toHaveLength(1);
    await phoneContext.close();
  });
});
