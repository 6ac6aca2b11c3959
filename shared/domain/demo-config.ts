import type { KioskConfig } from './config.ts';
import { DEFAULT_AGENCIES, DEFAULT_RATING_LEVELS, DEFAULT_RATING_REASONS } from './defaults.ts';

/** Invented names for demonstrations and tests; a real centre's staff come from the server. */
const DEMO_OFFICERS: Array<[fullName: string, agencyIndex: number]> = [
  ['Nguyễn Thị Hồng Nhung', 11],
  ['Trần Văn Đức', 11],
  ['Lê Thị Thu Hà', 1],
  ['Phạm Quốc Việt', 10],
  ['Hoàng Minh Tuấn', 16],
  ['Đỗ Thị Ngọc Ánh', 4],
  ['Vũ Đình Khải', 14],
  ['Bùi Thị Lệ Quyên', 17],
];

export const DEMO_PIN = '1234';
export const DEMO_TECHNICIAN_PIN = '9999';

export const DEMO_CONFIG: KioskConfig = {
  version: 1,
  centreName: 'Trung tâm Phục vụ hành chính công tỉnh',
  agencies: DEFAULT_AGENCIES,
  officers: DEMO_OFFICERS.map(([fullName, agencyIndex], index) => ({
    id: `cb-${String(index + 1).padStart(3, '0')}`,
    fullName,
    agencyId: DEFAULT_AGENCIES[agencyIndex - 1]!.id,
    order: index + 1,
    active: true,
  })),
  counters: Array.from({ length: 6 }, (_, index) => ({
    id: `q-${index + 1}`,
    number: index + 1,
    name: `Quầy số ${index + 1}`,
  })),
  ratingLevels: DEFAULT_RATING_LEVELS,
  ratingReasons: DEFAULT_RATING_REASONS,
};
