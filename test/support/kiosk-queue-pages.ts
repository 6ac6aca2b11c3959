import type { Locator, Page } from 'playwright-core';
import { ReasonsPage, ThanksPage, waitForText } from './kiosk-pages.ts';

/** Page objects for the queue: the citizen taking a number, the officer's console. */

const button = (page: Page, name: string): Locator => page.getByRole('button', { name, exact: true });

/** The citizen's screen at a counter or at the entrance: take a number. */
export class TakeNumberPage {
  constructor(readonly page: Page) {}

  get ticketNumber(): Locator {
    return this.page.getByTestId('ticket-number');
  }
  /** "Số người chờ trước" on the ticket. */
  get peopleAhead(): Locator {
    return this.page.locator('.ticket__facts > div', { hasText: 'Số người chờ trước' }).locator('dd');
  }
  /** The honest note shown when the ticket cannot reach its counter yet. */
  get connectionNote(): Locator {
    return this.page.getByTestId('connection-note');
  }

  /**
   * Taps "Lấy số thứ tự" (and the service, where the kiosk offers several) and returns the
   * number shown; the ticket screen stays until done() is called.
   */
  async take(serviceName?: string): Promise<string> {
    const before = (await this.ticketNumber.count()) > 0 ? await this.ticketNumber.textContent() : null;
    await button(this.page, 'Lấy số thứ tự').click();
    if (serviceName !== undefined) await button(this.page, serviceName).click();
    await this.ticketNumber.waitFor();
    const number = (await this.ticketNumber.textContent()) ?? '';
    if (number === before) throw new Error(`Kiosk vẫn hiện số cũ ${number}`);
    return number;
  }
  async done(): Promise<void> {
    await button(this.page, 'Xong').click();
    await this.ticketNumber.waitFor({ state: 'detached' });
  }
}

/** Taps a level on the rating screen the kiosk shows after "Hoàn thành" and waits for the thanks. */
export async function rateAtKiosk(page: Page, label: string): Promise<void> {
  const rating = page.locator('[data-screen="rating"]');
  await rating.waitFor({ timeout: 15_000 });
  await rating.getByRole('button', { name: label, exact: true }).click();
  const reasons = new ReasonsPage(page);
  const thanks = new ThanksPage(page);
  // A low rating may ask for a reason first; the citizen skips it.
  await Promise.race([reasons.root.waitFor(), thanks.root.waitFor()]);
  if ((await reasons.root.count()) > 0) await reasons.skip();
  await thanks.waitUntilShown();
}

/** The officer's console (`/officer` on the kiosk's host). */
export class OfficerConsolePage {
  constructor(readonly page: Page) {}

  get current(): Locator {
    return this.page.getByRole('region', { name: 'Số đang ở quầy' });
  }
  get waiting(): Locator {
    return this.page.getByRole('region', { name: /Đang chờ/ });
  }
  get notice(): Locator {
    return this.current.getByRole('status');
  }

  async open(kioskUrl: string): Promise<void> {
    await this.page.goto(new URL('officer', kioskUrl).href);
    await this.page.locator('[data-screen="officer"]').waitFor();
  }
  async waitingNumbers(): Promise<string[]> {
    return this.waiting.locator('.waiting-item__number').allTextContents();
  }
  /** Waits until `number` is in the waiting list (pushed from another kiosk, or issued here). */
  async waitForWaiting(number: string, timeout = 30_000): Promise<void> {
    await this.waiting.locator('.waiting-item__number', { hasText: number }).first().waitFor({ timeout });
  }
  /** "Gọi số tiếp theo"; returns the number now at the counter. */
  async callNext(): Promise<string> {
    await button(this.page, 'Gọi số tiếp theo').click();
    const text = await waitForText(this.notice, /^Đã gọi số \d+\.$/, 15_000);
    return /(\d+)\.$/.exec(text)![1]!;
  }
  async finish(number: string): Promise<void> {
    await button(this.page, 'Hoàn thành').click();
    await waitForText(this.notice, `Đã hoàn thành số ${number}.`, 15_000);
  }
  async transfer(number: string, serviceName: string): Promise<void> {
    await button(this.page, 'Chuyển').click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: new RegExp(`^\\d?\\s*${serviceName} `) }).click();
    await waitForText(this.notice, `Đã chuyển số ${number} sang ${serviceName}.`, 15_000);
  }
}
