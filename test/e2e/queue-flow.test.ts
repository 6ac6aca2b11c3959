import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { printerFromUrl } from '../../electron/core/queue/printer-from-url.ts';
import { startVirtualPrinter, type VirtualPrinter } from '../../electron/printing/virtual-printer.ts';
import type { KioskEvent } from '../../shared/domain/events.ts';
import { launchChromium, openKiosk, type E2eKiosk } from '../support/e2e-kiosk.ts';
import { seriousViolations } from '../support/axe.ts';
import { IdlePage, ThanksPage, waitForText } from '../support/kiosk-pages.ts';

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Waits until the virtual printer has written `count` PNGs. */
async function printedCount(printer: VirtualPrinter, count: number, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (printer.jobs.length < count) {
    if (Date.now() > deadline)
      throw new Error(`Máy in ảo mới in ${String(printer.jobs.length)}/${String(count)} phiếu`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('queue: take a number, call it, finish it, rate it', () => {
  let browser: Browser;
  let kiosk: E2eKiosk | undefined;
  let printer: VirtualPrinter | undefined;
  let outDir: string;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await kiosk?.close();
    kiosk = undefined;
    await printer?.close();
    printer = undefined;
    rmSync(outDir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await browser.close();
  });

  async function start(): Promise<{ kiosk: E2eKiosk; printer: VirtualPrinter }> {
    outDir = mkdtempSync(join(tmpdir(), 'hailong-e2e-tickets-'));
    printer = await startVirtualPrinter({ outDir, port: 0 });
    kiosk = await openKiosk(browser, { printer: printerFromUrl(printer.url) });
    kiosk.core.updateSettings({ thankYouSeconds: 1 });
    return { kiosk, printer };
  }

  it('citizen takes a number (printed), the officer calls and finishes it, the citizen rates Khá for that ticket, once', async () => {
    const { kiosk, printer } = await start();
    const citizen = kiosk.page;
    const idle = new IdlePage(citizen);
    await idle.open(kiosk.url);

    await button(citizen, 'Lấy số thứ tự').click();
    // Counter 1 serves two services: the citizen picks one.
    await button(citizen, 'Chứng thực bản sao').click();
    const number = citizen.getByTestId('ticket-number');
    await waitForText(number, '1001');
    await waitForText(citizen.locator('.ticket'), 'Quầy số 1');
    await printedCount(printer, 1);
    expect(existsSync(printer.jobs[0]!.file)).toBe(true);
    const issued = [...kiosk.core.outbox.all()].find(
      (e): e is Extract<KioskEvent, { type: 'ticket.issued' }> => e.type === 'ticket.issued',
    )!;
    expect(issued).toMatchObject({ number: '1001', serviceId: 'dv-chung-thuc', counterId: 'q-1' });
    const ticketId = issued.ticketId;
    await button(citizen, 'Xong').click();
    await idle.waitUntilShown();

    // The officer console in a second tab of the same browser host.
    const officer = await kiosk.context.newPage();
    await officer.goto(`${kiosk.url}officer`);
    const waiting = officer.getByRole('region', { name: /Đang chờ/ });
    await waitForText(waiting, '1001');
    await button(officer, 'Gọi số tiếp theo').click();
    await waitForText(officer.getByRole('region', { name: 'Số đang ở quầy' }), '1001');
    // The citizen screen shows the call while it is announced.
    await waitForText(citizen.locator('.call-banner'), 'Mời số 1001 đến quầy số 1');

    await button(officer, 'Hoàn thành').click();
    const rating = citizen.locator('[data-screen="rating"]');
    await rating.waitFor();
    await button(citizen, 'Khá').click();
    await new ThanksPage(citizen).waitUntilShown();
    await idle.waitUntilShown();

    const events = [...kiosk.core.outbox.all()];
    const ratings = events.filter((e) => e.type === 'rating.submitted');
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ ticketId, level: 'kha', officerId: 'cb-001', agencyId: 'ag-11' });
    expect(events.filter((e) => e.type === 'ticket.finished')).toEqual([
      expect.objectContaining({ ticketId, number: '1001', officerId: 'cb-001' }),
    ]);
    // The officer's screen never shows the rating given.
    expect(await officer.locator('body').textContent()).not.toMatch(/Khá|Tốt|Kém|Trung bình/);
  });

  it('paper out: the ticket is shown with its QR and a note, the officer sees the alert, "In lại" prints it after recovery', async () => {
    const { kiosk, printer } = await start();
    printer.setPaperOut(true);
    const citizen = kiosk.page;
    await new IdlePage(citizen).open(kiosk.url);
    await button(citizen, 'Lấy số thứ tự').click();
    await button(citizen, 'Hộ tịch').click();
    await waitForText(citizen.getByTestId('ticket-number'), '2001');
    await citizen.getByRole('img', { name: 'Mã QR của phiếu số 2001' }).waitFor();
    await waitForText(citizen.locator('.ticket').getByRole('alert'), 'Máy in hết giấy');

    const officer = await kiosk.context.newPage();
    await officer.goto(`${kiosk.url}#/officer`);
    const alert = officer.locator('.printer-alert');
    await waitForText(alert, 'Máy in hết giấy');
    await waitForText(alert, 'Phiếu chưa in: 2001');
    printer.setPaperOut(false);
    await button(officer, 'In lại').click();
    await printedCount(printer, 1);
    await alert.waitFor({ state: 'detached' });
  });

  it('the officer works from a USB keypad: + calls, * recalls, - marks no-show, . finishes', async () => {
    const { kiosk } = await start();
    await kiosk.core.queue.takeNumber('dv-chung-thuc');
    await kiosk.core.queue.takeNumber('dv-chung-thuc', 'nguoi_cao_tuoi');
    const officer = kiosk.page;
    await officer.goto(`${kiosk.url}officer`);
    const waiting = officer.getByRole('region', { name: /Đang chờ/ });
    // The priority ticket is marked and comes first.
    await waitForText(waiting, 'Ưu tiên: Người cao tuổi');
    expect(await waiting.locator('.waiting-item__number').allTextContents()).toEqual(['1002', '1001']);
    const current = officer.getByRole('region', { name: 'Số đang ở quầy' });

    await officer.keyboard.press('NumpadAdd');
    await waitForText(current, '1002');
    const firstCall = kiosk.core.state().queue.lastCall!.callId;
    await officer.keyboard.press('NumpadMultiply');
    await waitForText(officer.getByRole('status').filter({ hasText: 'Đã gọi lại' }), 'Đã gọi lại số 1002');
    expect(kiosk.core.state().queue.lastCall!.callId).not.toBe(firstCall);
    await officer.keyboard.press('NumpadSubtract');
    await waitForText(current, 'Chưa gọi số nào');
    await officer.keyboard.press('NumpadAdd');
    await waitForText(current, '1001');
    await officer.keyboard.press('NumpadDecimal');
    await waitForText(current, 'Chưa gọi số nào');
    const types = [...kiosk.core.outbox.all()].map((e) => e.type).filter((t) => t.startsWith('ticket.'));
    expect(types).toEqual([
      'ticket.issued',
      'ticket.issued',
      'ticket.called',
      'ticket.recalled',
      'ticket.no_show',
      'ticket.called',
      'ticket.started',
      'ticket.finished',
    ]);
  });

  it('one key per citizen: + finishes the citizen at the counter (who is asked to rate) and calls the next', async () => {
    const { kiosk } = await start();
    await kiosk.core.queue.takeNumber('dv-chung-thuc');
    await kiosk.core.queue.takeNumber('dv-chung-thuc');
    await new IdlePage(kiosk.page).open(kiosk.url);
    const officer = await kiosk.context.newPage();
    await officer.goto(`${kiosk.url}officer`);
    const current = officer.getByRole('region', { name: 'Số đang ở quầy' });
    await waitForText(officer.getByRole('region', { name: /Đang chờ/ }), '1002');
    await officer.keyboard.press('NumpadAdd');
    await waitForText(current, '1001');
    expect(await button(officer, 'Hoàn thành và gọi tiếp').isEnabled()).toBe(true);
    await officer.keyboard.press('NumpadAdd');
    await waitForText(current, '1002');
    await waitForText(
      officer.getByRole('status').filter({ hasText: 'Đã hoàn thành' }),
      'Đã hoàn thành số 1001 và gọi số 1002.',
    );
    // The citizen who was served is asked to rate.
    await kiosk.page.locator('[data-screen="rating"]').waitFor();
    await officer.keyboard.press('Enter');
    await waitForText(current, 'Chưa gọi số nào');
    await waitForText(officer.getByRole('status').filter({ hasText: 'Đã hoàn thành' }), 'Không còn ai đang chờ');
    const types = [...kiosk.core.outbox.all()].map((e) => e.type).filter((t) => t.startsWith('ticket.'));
    expect(types).toEqual([
      'ticket.issued',
      'ticket.issued',
      'ticket.called',
      'ticket.started',
      'ticket.finished',
      'ticket.called',
      'ticket.started',
      'ticket.finished',
    ]);
  });

  it('has no serious axe-core findings on the take-number screens and the officer console', async () => {
    outDir = mkdtempSync(join(tmpdir(), 'hailong-e2e-tickets-'));
    // axe-core is injected as an inline script, which the kiosk's CSP refuses; only here is it bypassed.
    kiosk = await openKiosk(browser, { bypassCSP: true });
    const citizen = kiosk.page;
    await new IdlePage(citizen).open(kiosk.url);
    expect(await seriousViolations(citizen)).toEqual([]);
    await button(citizen, 'Lấy số ưu tiên').click();
    expect(await seriousViolations(citizen)).toEqual([]);
    await button(citizen, 'Phụ nữ mang thai').click();
    expect(await seriousViolations(citizen)).toEqual([]);
    await button(citizen, 'Chứng thực bản sao').click();
    await waitForText(citizen.getByTestId('ticket-number'), '1001');
    expect(await seriousViolations(citizen)).toEqual([]);

    const officer = await kiosk.context.newPage();
    await officer.goto(`${kiosk.url}officer`);
    await button(officer, 'Gọi số tiếp theo').click();
    await waitForText(officer.getByRole('region', { name: 'Số đang ở quầy' }), '1001');
    expect(await seriousViolations(officer)).toEqual([]);
    await button(officer, 'Chuyển').click();
    await officer.getByRole('dialog').waitFor();
    expect(await seriousViolations(officer)).toEqual([]);
  });
});
