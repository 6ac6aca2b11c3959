import { useState } from 'react';
import type { ReactNode } from 'react';

/** The one-line form under the staff tables: stops the page reload, then hands over to onSubmit. */
export function InlineForm({
  onSubmit,
  submitText,
  busy,
  primary = false,
  noValidate,
  after,
  children,
}: {
  onSubmit: () => void;
  submitText: string;
  busy: boolean;
  primary?: boolean;
  noValidate?: boolean;
  /** Extra buttons after the submit button, e.g. “Đóng”. */
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <form
      className="inline-form"
      noValidate={noValidate}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <button type="submit" className={primary ? 'primary' : undefined} disabled={busy}>
        {submitText}
      </button>
      {after}
    </form>
  );
}

/** An inline form with one required text field, cleared once the add succeeded. */
export function AddTextForm({
  label,
  submitText = 'Thêm',
  primary = false,
  busy,
  onAdd,
}: {
  label: string;
  submitText?: string;
  primary?: boolean;
  busy: boolean;
  /** Resolves true when the add succeeded (useAction's run). */
  onAdd: (text: string) => Promise<boolean>;
}) {
  const [text, setText] = useState('');
  return (
    <InlineForm
      busy={busy}
      primary={primary}
      submitText={submitText}
      onSubmit={() => void onAdd(text).then((ok) => ok && setText(''))}
    >
      <label>
        <span>{label}</span>
        <input value={text} onChange={(e) => setText(e.target.value)} required />
      </label>
    </InlineForm>
  );
}

/** A labelled, required choice among named records (counters, agencies …), “— Chọn —” first. */
export function ChooseField({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly { id: string; name: string }[];
  onChange: (id: string) => void;
}) {
  return (
    <label>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">— Chọn —</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
