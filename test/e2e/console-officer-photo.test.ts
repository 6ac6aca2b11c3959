import { createCanvas } from '@napi-rs/canvas';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficerOut } from '../../shared/contract/server-api.ts';
import { launchBrowser, newPage, openNav, signIn, startConsoleServer, type ConsoleServer } from './console-support.ts';

/** Issue 10: an officer's photo for the kiosk's idle screen, uploaded on the staff page. */
describe('console: officer photo upload', () => {
  let browser: Browser;
  let server: ConsoleServer;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startConsoleServer();
  });
  afterAll(async () => {
    await server.close();
    await browser.close();
  });

  it('keeps a real image, refuses a file that only claims to be one, with the reason', async () => {
    const canvas = createCanvas(120, 120);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#1d4f91';
    ctx.fillRect(0, 0, 120, 120);
    const png = canvas.toBuffer('image/png');
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.url);
      await openNav(page, 'Cán bộ và cơ cấu');
      const officers = (await server.call<OfficerOut[]>('GET', '/api/v1/officers')).json;
      const officer = officers[0]!;
      await page.getByRole('button', { name: `Sửa ${officer.fullName}` }).click();
      const photo = page.getByRole('group', { name: 'Ảnh trên màn hình chờ của kiosk' });
      await photo.getByText('Chưa có ảnh.').waitFor();

      // A text file named as a JPEG: refused by its bytes.
      await photo
        .getByLabel(/Chọn ảnh/)
        .setInputFiles({ name: 'anh.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('không phải ảnh') });
      await photo.getByRole('button', { name: 'Tải ảnh lên' }).click();
      await page.getByText('Tệp không phải ảnh JPEG, PNG hoặc WebP.').waitFor();
      expect(
        (await server.call<{ photo: string | null }>('GET', `/api/v1/officers/${officer.id}/photo`)).json.photo,
      ).toBeNull();

      await photo.getByLabel(/Chọn ảnh/).setInputFiles({ name: 'anh.png', mimeType: 'image/png', buffer: png });
      await photo.getByRole('button', { name: 'Tải ảnh lên' }).click();
      await page.getByText(`Đã lưu ảnh của ${officer.fullName}`).waitFor();
      const preview = page.getByRole('img', { name: `Ảnh hiện tại của ${officer.fullName}` });
      await preview.waitFor();
      expect(await preview.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(120);

      await photo.getByRole('button', { name: 'Xoá ảnh' }).click();
      await page.getByText(`Đã xoá ảnh của ${officer.fullName}.`).waitFor();
      await photo.getByText('Chưa có ảnh.').waitFor();
    } finally {
      await context.close();
    }
  });
});
