import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openNav } from './console-support.ts';

/**
 * The supervisor console as an admin setting up a centre uses it: every step is a click or a
 * keystroke in Chromium, and each waits for the console's own confirmation.
 */
export class ConsoleAdminPage {
  constructor(readonly page: Page) {}

  private get status(): Locator {
    return this.page.getByRole('status').first();
  }

  private async confirmed(text: string): Promise<void> {
    await expect.poll(() => this.status.textContent(), { timeout: 10_000 }).toContain(text);
  }

  private async staffTab(label: string): Promise<void> {
    if ((await this.page.getByRole('heading', { level: 1, name: 'Cán bộ và cơ cấu' }).count()) === 0) {
      await openNav(this.page, 'Cán bộ và cơ cấu');
    }
    await this.page.getByRole('tab', { name: label, exact: true }).click();
  }

  /** Import tab: preview the file, then apply it. */
  async importStaff(file: string, expectedNew: number): Promise<void> {
    await this.staffTab('Nhập từ tệp');
    await this.page.getByLabel('Tệp danh sách cán bộ').setInputFiles(file);
    await this.page.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    await expect.poll(() => this.page.locator('[data-figure="created"]').textContent()).toBe(String(expectedNew));
    await this.page.getByRole('button', { name: 'Áp dụng' }).click();
    await this.confirmed(`Đã nhập: thêm ${String(expectedNew)}`);
  }

  async addCounter(number: number): Promise<void> {
    await this.staffTab('Quầy');
    await this.page.getByLabel('Số quầy').fill(String(number));
    await this.page.getByRole('button', { name: 'Thêm quầy' }).click();
    await this.page.getByRole('row', { name: new RegExp(`Quầy số ${String(number)}\\b`) }).waitFor();
  }

  async addService(name: string, counterName: string, start: number, end: number): Promise<void> {
    await this.staffTab('Dịch vụ, ưu tiên');
    await this.page.getByLabel('Tên dịch vụ').fill(name);
    await this.page.getByRole('combobox', { name: /^Quầy/ }).selectOption({ label: counterName });
    await this.page.getByLabel('Số đầu').fill(String(start));
    await this.page.getByLabel('Số cuối').fill(String(end));
    await this.page.getByRole('button', { name: 'Thêm dịch vụ' }).click();
    await this.confirmed(`Đã thêm dịch vụ ${name}.`);
  }

  async setOfficerPin(fullName: string, pin: string): Promise<void> {
    await this.staffTab('Cán bộ');
    await this.page.getByRole('button', { name: `Sửa ${fullName}` }).click();
    await this.page.getByLabel('Mã PIN mới (4–8 chữ số)').fill(pin);
    await this.page.getByRole('button', { name: 'Đặt lại PIN' }).click();
    await this.confirmed(`Đã đặt lại mã PIN cho ${fullName}`);
  }

  async openKiosks(): Promise<void> {
    await openNav(this.page, 'Kiosk');
  }

  async setTechnicianPin(pin: string): Promise<void> {
    await this.page.getByLabel('Mã PIN mới (6–8 chữ số)').fill(pin);
    await this.page.getByRole('button', { name: 'Đặt mã PIN' }).click();
    await this.confirmed('Đã đặt mã PIN kỹ thuật viên.');
  }

  /** A one-time enrolment code, as the technician copies it from the Kiosks page. */
  async newEnrolmentCode(): Promise<string> {
    const figure = this.page.locator('[data-figure="enrolment-code"]');
    const before = (await figure.count()) > 0 ? await figure.textContent() : null;
    await this.page.getByRole('button', { name: 'Tạo mã đăng ký' }).click();
    // A new code replaces the one shown before.
    await expect
      .poll(async () => {
        const shown = await figure.textContent();
        return shown === before ? null : shown;
      })
      .toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    return (await figure.textContent())!;
  }

  /** The Kiosks page's assignment form of one enrolled kiosk (reloads until it is listed). */
  async assign(
    deviceName: string,
    assignment: { role: 'entrance' } | { role: 'counter'; counter: { number: number; name: string } },
    /** The spoken rating invitation as the select names it (`Bật`, `Tắt`, `Theo kiosk …`); unchanged when absent. */
    ratingVoice?: string,
  ): Promise<void> {
    const form = this.page.getByRole('group', { name: `Phân công ${deviceName}`, exact: true });
    await expect
      .poll(
        async () => {
          // The list loads after the page: give it a moment before asking the server again.
          const shown = await form
            .waitFor({ timeout: 3_000 })
            .then(() => true)
            .catch(() => false);
          if (shown) return true;
          await this.page.reload();
          await this.page.getByRole('heading', { level: 1, name: 'Kiosk' }).waitFor();
          return false;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    await form.getByLabel('Vai trò').selectOption(assignment.role);
    if (assignment.role === 'counter') {
      const { number, name } = assignment.counter;
      await form.getByLabel('Quầy').selectOption({ label: `${String(number)} – ${name}` });
    }
    if (ratingVoice !== undefined) {
      await form.getByLabel('Lời mời đánh giá bằng giọng nói').selectOption({ label: ratingVoice });
    }
    await form.getByRole('button', { name: 'Lưu phân công' }).click();
    await this.confirmed(`Đã lưu phân công cho ${deviceName}`);
  }
}
