import { useEffect, useState } from 'react';
import type { ActionError } from '../store/kiosk-store.ts';

const MAX_DIGITS = 8;
const MIN_DIGITS = 4;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

interface PinEntryProps {
  title: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (pin: string) => Promise<ActionError>;
  onBack: () => void;
}

/** A PIN typed on an on-screen keypad (digits from a hardware keyboard too), shown only as dots. */
export function PinEntry({ title, submitLabel, busy, onSubmit, onBack }: PinEntryProps) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = (digit: string): void => setPin((p) => (p.length < MAX_DIGITS ? p + digit : p));
  const remove = (): void => setPin((p) => p.slice(0, -1));
  const submit = async (): Promise<void> => {
    if (pin.length < MIN_DIGITS || busy) return;
    const message = await onSubmit(pin);
    if (message !== null) {
      setError(message);
      setPin('');
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (/^\d$/.test(event.key)) setPin((p) => (p.length < MAX_DIGITS ? p + event.key : p));
      else if (event.key === 'Backspace') setPin((p) => p.slice(0, -1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="pin-entry" aria-labelledby="pin-entry-title">
      <h1 id="pin-entry-title" className="screen-title">
        {title}
      </h1>
      <div className="pin-dots" role="status" aria-label={`Đã nhập ${pin.length} chữ số`}>
        {Array.from({ length: Math.max(MIN_DIGITS, pin.length) }, (_, i) => (
          <span key={i} className={i < pin.length ? 'pin-dot pin-dot--filled' : 'pin-dot'} aria-hidden="true" />
        ))}
      </div>
      <p className="message message--error" role="alert">
        {error}
      </p>
      <div className="pin-keypad">
        {DIGITS.map((d) => (
          <button key={d} type="button" className="button pin-keypad__digit" onClick={() => add(d)}>
            {d}
          </button>
        ))}
        <button type="button" className="button button--secondary pin-keypad__delete" onClick={remove}>
          Xoá
        </button>
        <button type="button" className="button pin-keypad__digit" onClick={() => add('0')}>
          0
        </button>
        <button
          type="button"
          className="button button--primary pin-keypad__submit"
          disabled={pin.length < MIN_DIGITS || busy}
          onClick={() => void submit()}
        >
          {submitLabel}
        </button>
      </div>
      <button type="button" className="button button--secondary pin-entry__back" onClick={onBack}>
        Quay lại
      </button>
    </section>
  );
}
