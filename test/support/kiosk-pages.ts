import type { Locator, Page } from 'playwright-core';

/** Page objects for the kiosk screens: tests speak in what a person sees and taps. */

const screen = (page: Page, name: string): Locator => page.locator(`[data-screen="${name}"]`);
const button = (page: Page, name: string | RegExp): Locator =>
  page.getByRole('button', { name, exact: typeof name === 'string' });

export class IdlePage {
  constructor(readonly page: Page) {}
  get root(): Locator {
    return screen(this.page, 'idle');
  }
  get officerCard(): Locator {
    return this.page.getByRole('region', { name: 'Cán bộ phục vụ' });
  }
  get counterName(): Locator {
    return this.page.locator('.kiosk-header__counter');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitUntilShown();
  }
  async waitUntilShown(timeout?: number): Promise<void> {
    await this.root.waitFor({ state: 'visible', ...(timeout !== undefined && { timeout }) });
  }
  async startRating(): Promise<RatingPage> {
    await this.page.getByRole('button', { name: /Đánh giá/ }).click();
    const rating = new RatingPage(this.page);
    await rating.root.waitFor();
    return rating;
  }
  async startSignIn(): Promise<SignInPage> {
    await button(this.page, 'Cán bộ đăng nhập').click();
    const signIn = new SignInPage(this.page);
    await signIn.root.waitFor();
    return signIn;
  }
  /** `Đăng xuất` asks for the PIN of the officer on duty (the demo officers' PIN by default). */
  async startSignOut(): Promise<PinPage> {
    await button(this.page, 'Đăng xuất').click();
    await screen(this.page, 'signOut').waitFor();
    return new PinPage(this.page, 'signOut');
  }
  async signOut(pin = '1234'): Promise<void> {
    await (await this.startSignOut()).enter(pin);
    await this.waitUntilShown();
    await this.officerCard.getByText('Quầy chưa có cán bộ').waitFor();
  }
  /** The hidden gesture: five quick taps on the top-left corner. */
  async openTechnician(): Promise<PinPage> {
    const corner = this.page.getByRole('button', { name: 'Khu vực kỹ thuật' });
    for (let i = 0; i < 5; i += 1) await corner.click();
    const pin = new PinPage(this.page, 'technicianPin');
    await pin.root.waitFor();
    return pin;
  }
}

export class RatingPage {
  constructor(readonly page: Page) {}
  get root(): Locator {
    return screen(this.page, 'rating');
  }
  get levels(): Locator {
    return this.root.locator('.rating-level');
  }
  get error(): Locator {
    return this.root.getByRole('alert');
  }

  level(label: string): Locator {
    return button(this.page, label);
  }
  async tap(label: string): Promise<void> {
    await this.level(label).click();
  }
}

export class ReasonsPage {
  constructor(readonly page: Page) {}
  get root(): Locator {
    return screen(this.page, 'reasons');
  }

  reason(label: string): Locator {
    return button(this.page, label);
  }
  async send(): Promise<void> {
    await button(this.page, 'Gửi').click();
  }
  async skip(): Promise<void> {
    await button(this.page, 'Bỏ qua').click();
  }
}

export class ThanksPage {
  constructor(readonly page: Page) {}
  get root(): Locator {
    return screen(this.page, 'thanks');
  }
  async waitUntilShown(): Promise<void> {
    await this.root.getByText('Cảm ơn').waitFor();
  }
}

export class SignInPage {
  constructor(readonly page: Page) {}
  get root(): Locator {
    return screen(this.page, 'signIn');
  }
  async pick(fullName: string): Promise<PinPage> {
    await this.page.getByRole('button', { name: new RegExp(fullName) }).click();
    const pin = new PinPage(this.page, 'officerPin');
    await pin.root.waitFor();
    return pin;
  }
}

const SUBMIT_LABELS = { officerPin: 'Đăng nhập', technicianPin: 'Xác nhận', signOut: 'Đăng xuất' } as const;

export class PinPage {
  constructor(
    readonly page: Page,
    readonly screenName: 'officerPin' | 'technicianPin' | 'signOut',
  ) {}
  get root(): Locator {
    return screen(this.page, this.screenName);
  }
  get error(): Locator {
    return this.root.getByRole('alert');
  }
  get dots(): Locator {
    return this.root.locator('.pin-dot--filled');
  }

  async type(pin: string): Promise<void> {
    for (const digit of pin) await button(this.page, digit).click();
  }
  async submit(): Promise<void> {
    await this.root.getByRole('button', { name: SUBMIT_LABELS[this.screenName], exact: true }).click();
  }
  async enter(pin: string): Promise<void> {
    await this.type(pin);
    await this.submit();
  }
}

export class TechnicianPage {
  constructor(readonly page: Page) {}
  get root(): Locator {
    return screen(this.page, 'technician');
  }
  get error(): Locator {
    return this.root.getByRole('alert');
  }
  get notice(): Locator {
    return this.root.getByRole('status');
  }

  counter(name: string): Locator {
    return button(this.page, name);
  }
  async chooseCounter(name: string): Promise<void> {
    await this.counter(name).click();
    await this.page.waitForFunction(
      (n) => [...document.querySelectorAll('.counter-choice[aria-pressed="true"]')].some((b) => b.textContent === n),
      name,
    );
  }
  async exitKiosk(): Promise<void> {
    await button(this.page, 'Thoát chế độ kiosk').click();
  }
  async done(): Promise<void> {
    await button(this.page, 'Về màn hình chính').click();
  }
}

/** Waits until an element's text matches; Playwright-core has no auto-retrying expect. */
export async function waitForText(locator: Locator, expected: string | RegExp, timeout = 5000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = (await locator.textContent()) ?? '';
    if (typeof expected === 'string' ? text.includes(expected) : expected.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`Đợi "${String(expected)}" nhưng thấy "${text}"`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
