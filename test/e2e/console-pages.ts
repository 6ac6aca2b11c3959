import type { Page } from 'playwright-core';

/** Every page of the console's navigation, and what shows it has loaded (after seedCentre). */
export const CONSOLE_PAGES: { label: string; file: string; ready: (page: Page) => Promise<void> }[] = [
  { label: 'Hôm nay', file: 'today', ready: (p) => p.getByRole('region', { name: 'Quầy số 1' }).waitFor() },
  {
    label: 'Đánh giá theo kỳ',
    file: 'ratings',
    ready: (p) => p.getByRole('heading', { name: 'Tỷ lệ được đánh giá' }).waitFor(),
  },
  { label: 'Cảnh báo', file: 'alerts', ready: (p) => p.getByRole('heading', { name: /Cán bộ cần chú ý/ }).waitFor() },
  { label: 'Báo cáo', file: 'reports', ready: (p) => p.getByRole('article', { name: 'Phụ lục 2' }).waitFor() },
  { label: 'Cán bộ và cơ cấu', file: 'staff', ready: (p) => p.getByRole('table', { name: 'Sở Tư pháp' }).waitFor() },
  { label: 'Kiosk', file: 'kiosks', ready: (p) => p.getByRole('row', { name: /Kiosk quầy 6/ }).waitFor() },
  { label: 'Tài khoản', file: 'users', ready: (p) => p.getByRole('row', { name: /giamsat/ }).waitFor() },
];
