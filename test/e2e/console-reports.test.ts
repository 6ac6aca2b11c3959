import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { useChromium, usePerTest } from '../support/e2e-hooks.ts';
import { KioskEvents, newPage, openNav, signIn, startConsoleServer } from './console-support.ts';

/** The names in Phụ lục 2 on screen, top to bottom. */
async function phuLuc2Names(page: Page): Promise<string[]> {
  const sheet = page.getByRole('article', { name: 'Phụ lục 2' });
  await sheet.locator('tbody tr').first().waitFor();
  return sheet.locator('tbody tr:not(.totals) td:nth-child(2)').allTextContents();
}

async function download(page: Page, label: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: label, exact: true }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

describe('console: reports follow the officer order and every export reads back', () => {
  const browser = useChromium();
  const server = usePerTest(startConsoleServer);
  beforeEach(async () => {
    const kiosk = await server().enroll('Kiosk quầy 1');
    const nhung = new KioskEvents('q-1', 'cb-001', 'ag-11');
    const duc = new KioskEvents('q-2', 'cb-002', 'ag-11');
    const res = await server().sync(kiosk.token, [
      nhung.rate('tot'),
      nhung.rate('tot'),
      duc.rate('kha'),
      duc.rate('tot', { misuse: true }),
    ]);
    expect(res.json.rejected).toEqual([]);
  });

  it('moves an officer down in the staff list and Phụ lục 2 on screen follows', async () => {
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    await openNav(page, 'Báo cáo');
    const sheet = page.getByRole('article', { name: 'Phụ lục 2' });
    await sheet.waitFor();
    const text = await sheet.textContent();
    expect(text).toContain('BIỂU KẾT QUẢ ĐÁNH GIÁ NỘI BỘ VỀ MỨC ĐỘ HÀI LÒNG CỦA TỔ CHỨC, CÁ NHÂN ĐỐI VỚI');
    expect(text).toMatch(/\(Từ ngày 01\/\d{2}\/\d{4} đến \d{2}\/\d{2}\/\d{4}\)/);
    expect(text).toContain('Có 1 lượt bấm bị đánh dấu nghi vấn');
    const before = await phuLuc2Names(page);
    expect(before.indexOf('Nguyễn Thị Hồng Nhung')).toBeLessThan(before.indexOf('Trần Văn Đức'));

    await openNav(page, 'Cán bộ và cơ cấu');
    await page.getByRole('button', { name: 'Đưa Nguyễn Thị Hồng Nhung xuống' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Đã đổi thứ tự trong Sở Tư pháp.');
    const rows = page.getByRole('table', { name: 'Sở Tư pháp' }).locator('tbody th');
    await expect.poll(() => rows.allTextContents()).toEqual(['Trần Văn Đức', 'Nguyễn Thị Hồng Nhung']);

    await openNav(page, 'Báo cáo');
    await expect
      .poll(async () => {
        const names = await phuLuc2Names(page);
        return names.indexOf('Trần Văn Đức') < names.indexOf('Nguyễn Thị Hồng Nhung');
      })
      .toBe(true);
    await context.close();
  });

  it('downloads XLSX, DOCX, PDF and CSV of Phụ lục 2 and each reads back', async () => {
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    await openNav(page, 'Báo cáo');
    await page.getByRole('article', { name: 'Phụ lục 2' }).waitFor();

    const xlsx = await download(page, 'Tải XLSX (Excel)');
    expect(xlsx.name).toMatch(/^phu-luc-2_.*\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
    expect(cells).toContain('Nguyễn Thị Hồng Nhung');
    expect(cells).toContain('Trần Văn Đức');

    const docx = await download(page, 'Tải DOCX (Word)');
    expect(docx.bytes.subarray(0, 2).toString()).toBe('PK');
    const documentXml = await (await JSZip.loadAsync(docx.bytes)).file('word/document.xml')!.async('string');
    expect(documentXml).toContain('Nguyễn Thị Hồng Nhung');

    const pdf = await download(page, 'Tải PDF');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(1000);

    const csv = await download(page, 'Tải CSV (Excel, dấu ;)');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = csv.bytes.toString('utf8');
    expect(csvText).toContain('Trần Văn Đức');
    expect(csvText).toContain('STT;Họ và tên;"Cơ quan, đơn vị"');
    const machineCsv = (await download(page, 'Tải CSV (máy đọc, dấu ,)')).bytes.toString('utf8');
    expect(machineCsv).toContain('STT,Họ và tên,"Cơ quan, đơn vị"');

    const coverage = await download(page, 'Tải XLSX tỷ lệ đánh giá');
    expect(coverage.name).toMatch(/\.xlsx$/);
    expect(coverage.bytes.subarray(0, 2).toString()).toBe('PK');
    await context.close();
  });

  it("edits the centre name, the annex framing and an officer's note; screen and XLSX show them", async () => {
    const { context, page } = await newPage(browser());
    await signIn(page, server().url);
    await openNav(page, 'Báo cáo');
    const sheet = page.getByRole('article', { name: 'Phụ lục 2' });
    await sheet.locator('tbody tr').first().waitFor();

    await page.getByLabel('Tên trung tâm', { exact: true }).fill('Trung tâm Phục vụ hành chính công tỉnh Bắc Kạn');
    await page.getByRole('button', { name: 'Lưu tên trung tâm' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Đã lưu tên trung tâm.');
    await page.getByLabel('Cơ quan chủ quản (dòng trên tên trung tâm)').fill('UBND tỉnh Bắc Kạn');
    await page.getByLabel('Địa danh ở dòng ngày tháng').fill('Bắc Kạn');
    await page.getByLabel('Họ tên người ký duyệt').fill('Hà Văn Quang');
    await page.getByRole('button', { name: 'Lưu khung phụ lục' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Đã lưu khung phụ lục.');

    await page.getByRole('button', { name: 'Sửa ghi chú của Trần Văn Đức' }).click();
    await page.getByLabel('Ghi chú của Trần Văn Đức').fill('Luân chuyển từ 15/11');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => sheet.textContent()).toContain('Luân chuyển từ 15/11');
    const text = (await sheet.textContent()) ?? '';
    for (const needle of [
      'UBND TỈNH BẮC KẠN',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH BẮC KẠN',
      'Phụ lục 2',
      'Hà Văn Quang',
    ]) {
      expect(text).toContain(needle);
    }
    expect(text).toMatch(/Bắc Kạn, ngày \d{1,2} tháng \d{1,2} năm \d{4}/);

    const xlsx = await download(page, 'Tải XLSX (Excel)');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
    expect(cells).toEqual(expect.arrayContaining(['UBND TỈNH BẮC KẠN', 'Luân chuyển từ 15/11', 'Hà Văn Quang']));
    await context.close();
  });
});
