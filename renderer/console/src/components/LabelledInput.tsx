import type { InputHTMLAttributes } from 'react';

/** A label above its input, as the sign-in and password forms lay them out. */
export function LabelledInput({
  id,
  label,
  onValue,
  ...input
}: { id: string; label: string; onValue: (value: string) => void } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} onChange={(e) => onValue(e.target.value)} />
    </>
  );
}
