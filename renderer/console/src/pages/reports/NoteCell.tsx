import { useState } from 'react';
import { api, errorText } from '../../api.ts';

/**
 * The `Ghi chú` cell of one Phụ lục 2 row: the note as printed, and a button that edits it
 * for this period only (issue 10). Saving asks the server, then reloads the report.
 */
export function NoteCell({
  note,
  officerName,
  target,
  onSaved,
}: {
  note: string;
  officerName: string;
  target: { from: string; to: string; officerId: string; agencyId: string };
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(note);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!editing) {
    return (
      <td className="note-cell">
        <span>{note}</span>
        <button
          type="button"
          className="link-button no-print"
          aria-label={`Sửa ghi chú của ${officerName}`}
          onClick={() => {
            setText(note);
            setError(null);
            setEditing(true);
          }}
        >
          Sửa
        </button>
      </td>
    );
  }
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      await api('/api/v1/reports/phu-luc-2/notes', { method: 'PUT', json: { ...target, note: text } });
      setEditing(false);
      onSaved();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <td className="note-cell">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          <span className="visually-hidden">Ghi chú của {officerName}</span>
          <input value={text} maxLength={300} onChange={(e) => setText(e.target.value)} autoFocus />
        </label>
        <button type="submit" disabled={busy}>
          Lưu
        </button>
        <button type="button" onClick={() => setEditing(false)}>
          Huỷ
        </button>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </td>
  );
}
