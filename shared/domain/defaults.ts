import type { Agency, RatingLevel, RatingReason } from './config.ts';

/** The 17 agencies of a provincial centre, in the official order of PRODUCT.md. */
export const DEFAULT_AGENCY_NAMES = [
  'Sở Công Thương',
  'Sở Giao thông vận tải',
  'Sở Giáo dục và Đào tạo',
  'Sở Kế hoạch và Đầu tư',
  'Sở Khoa học và Công nghệ',
  'Sở Lao động - Thương binh và Xã hội',
  'Sở Nội vụ',
  'Sở Nông nghiệp và Phát triển nông thôn',
  'Sở Tài chính',
  'Sở Tài nguyên và Môi trường',
  'Sở Tư pháp',
  'Sở Thông tin và Truyền thông',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Xây dựng',
  'Sở Y tế',
  'Công an tỉnh',
  'Bảo hiểm xã hội tỉnh',
] as const;

export const DEFAULT_AGENCIES: Agency[] = DEFAULT_AGENCY_NAMES.map((name, index) => ({
  id: `ag-${String(index + 1).padStart(2, '0')}`,
  name,
  order: index + 1,
  active: true,
}));

export const DEFAULT_RATING_LEVELS: RatingLevel[] = [
  { code: 'tot', label: 'Tốt', order: 1, low: false },
  { code: 'kha', label: 'Khá', order: 2, low: false },
  { code: 'trung_binh', label: 'Trung bình', order: 3, low: true },
  { code: 'kem', label: 'Kém', order: 4, low: true },
];

export const DEFAULT_RATING_REASONS: RatingReason[] = [
  { code: 'cho_lau', label: 'Chờ đợi lâu', order: 1 },
  { code: 'thai_do', label: 'Thái độ chưa tốt', order: 2 },
  { code: 'huong_dan', label: 'Hướng dẫn chưa rõ ràng', order: 3 },
  { code: 'ho_so', label: 'Yêu cầu thêm giấy tờ', order: 4 },
  { code: 'khac', label: 'Lý do khác', order: 5 },
];
