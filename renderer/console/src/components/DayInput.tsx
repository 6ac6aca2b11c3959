import { useState } from 'react';
import { formatDayVi, parseDayVi } from '../../../../shared/domain/vietnam-time.ts';

interface Props {
  id?: string;
  /** YYYY-MM-DD, or '' for no day. */
  value: string;
  /** YYYY-MM-DD when the text is a real day, '' while it is empty or not (yet) one. */
  onChange: (day: string) => void;
  required?: boolean;
}

/**
 * A day typed and shown as dd/mm/yyyy. The browser's date input follows the computer's
 * locale and showed mm/dd/yyyy on an English system; a supervisor reads dd/mm/yyyy everywhere.
 */
export function DayInput({ id, value, onChange, required }: Props) {
  const [text, setText] = useState(() => (value ? formatDayVi(value) : ''));
  // A new value from outside (a preset chosen) replaces what is typed, unless it already says
  // so; adjusted while rendering, as React recommends over an effect.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (parseDayVi(text) !== value) setText(value ? formatDayVi(value) : '');
  }
  const invalid = text.trim() !== '' && parseDayVi(text) === null;
  return (
    <input
      id={id}
      type="text"
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      pattern="\d{1,2}/\d{1,2}/\d{4}"
      title="Ngày dạng dd/mm/yyyy, ví dụ 05/11/2026"
      size={10}
      value={text}
      required={required}
      aria-invalid={invalid || undefined}
      onChange={(event) => {
        const day = parseDayVi(event.target.value) ?? '';
        setText(event.target.value);
        setShown(day);
        onChange(day);
      }}
    />
  );
}
