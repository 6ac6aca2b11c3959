import { useId, useState } from 'react';
import { parseDay } from '../../../../shared/domain/vietnam-time.ts';
import { DayInput } from './DayInput.tsx';
import { PRESETS, presetPeriod, type PresetId } from '../periods.ts';

export interface Period {
  from: string;
  to: string;
}

interface Props {
  value: Period;
  onChange: (period: Period) => void;
}

/** The presets a centre reports on, and a free range of days (both ends included). */
export function PeriodPicker({ value, onChange }: Props) {
  const [preset, setPreset] = useState<PresetId>('month');
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const choose = (next: PresetId) => {
    setPreset(next);
    setError(null);
    if (next !== 'custom') {
      const period = presetPeriod(next, new Date());
      setFrom(period.from);
      setTo(period.to);
      onChange(period);
    }
  };
  const apply = () => {
    if (!parseDay(from) || !parseDay(to))
      return setError('Hãy nhập đủ ngày bắt đầu và ngày kết thúc, dạng dd/mm/yyyy.');
    if (from > to) return setError('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.');
    setError(null);
    onChange({ from, to });
  };
  return (
    <div className="period-picker">
      <div className="segmented" role="group" aria-label="Kỳ báo cáo">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={preset === p.id}
            className={preset === p.id ? 'active' : undefined}
            onClick={() => choose(p.id)}
          >
            {p.label}
          </button>
        ))}
      </div>
      {preset === 'custom' ? (
        <form
          className="range"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            apply();
          }}
        >
          <label htmlFor={`${id}-from`}>Từ ngày</label>
          <DayInput id={`${id}-from`} value={from} onChange={setFrom} required />
          <label htmlFor={`${id}-to`}>Đến ngày</label>
          <DayInput id={`${id}-to`} value={to} onChange={setTo} required />
          <button type="submit" className="primary">
            Xem
          </button>
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
