import { formatMinutesSeconds, formatPercentVi } from '../../../shared/domain/coverage-report.ts';
import { formatCount } from '../../../shared/domain/text.ts';
import { formatDateTimeVi, formatDayVi, formatTimeVi } from '../../../shared/domain/vietnam-time.ts';

export { formatCount, formatDayVi, formatMinutesSeconds };

/** "45,3 %" or "—" when there is nothing to divide. */
export const percent = (value: number | null): string => (value === null ? '—' : `${formatPercentVi(value)} %`);

/** Seconds as mm:ss, "—" when not measured. */
export const duration = (seconds: number | null): string => (seconds === null ? '—' : formatMinutesSeconds(seconds));

export const dateTime = (iso: string | null): string => (iso ? formatDateTimeVi(new Date(iso)) : '—');
export const time = (iso: string): string => formatTimeVi(new Date(iso));

/** A relative age for "last sync": "vừa xong", "5 phút trước", else the date and time. */
export function age(iso: string | null, now = Date.now()): string {
  if (!iso) return 'chưa đồng bộ';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return 'vừa xong';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} phút trước`;
  return formatDateTimeVi(new Date(iso));
}
