import { vietnamDay } from '../../../shared/domain/vietnam-time.ts';

export type PresetId = 'month' | 'quarter' | 'half' | 'year' | 'custom';

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: 'month', label: 'Tháng này' },
  { id: 'quarter', label: 'Quý này' },
  { id: 'half', label: '6 tháng đầu năm' },
  { id: 'year', label: 'Cả năm' },
  { id: 'custom', label: 'Khoảng khác' },
];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period of a preset, in Vietnam calendar days, as of `now`. */
export function presetPeriod(id: Exclude<PresetId, 'custom'>, now: Date): { from: string; to: string } {
  const today = vietnamDay(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (id) {
    case 'month':
      return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
    case 'quarter': {
      const first = Math.floor((month - 1) / 3) * 3 + 1;
      return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}` };
    }
    case 'half':
      // The six-monthly report: Phụ lục 2 of the first half is filed in June.
      return { from: `${year}-01-01`, to: `${year}-06-30` };
    case 'year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
  }
}
