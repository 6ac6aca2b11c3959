import type { ReactNode } from 'react';

/** A row or chip button that starts one write; its accessible name says what it acts on. */
export function ActionButton({
  label,
  onClick,
  busy,
  className,
  children,
}: {
  label: string;
  onClick: () => void;
  /** Omitted where the button stayed clickable during a write. */
  busy?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button type="button" className={className} disabled={busy} aria-label={label} onClick={onClick}>
      {children}
    </button>
  );
}

/** Chips (one per item) with a ✕ to remove each one; the ✕ only shows to administrators. */
export function RemovableChips<T>({
  items,
  itemKey,
  itemLabel,
  removeLabel,
  admin,
  onRemove,
}: {
  items: readonly T[];
  itemKey: (item: T) => string;
  itemLabel: (item: T) => string;
  removeLabel: (label: string) => string;
  admin: boolean;
  onRemove: (item: T) => void;
}) {
  return (
    <ul className="chips">
      {items.map((item) => (
        <li key={itemKey(item)}>
          {itemLabel(item)}
          {admin ? (
            <ActionButton className="link" label={removeLabel(itemLabel(item))} onClick={() => onRemove(item)}>
              ✕
            </ActionButton>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A two-step button: the first press asks, “Xác nhận …” runs, “Huỷ” backs out. */
export function ConfirmButton({
  label,
  text,
  confirmText,
  open,
  busy,
  onOpen,
  onCancel,
  onConfirm,
}: {
  label: string;
  text: string;
  confirmText: string;
  open: boolean;
  busy: boolean;
  onOpen: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return open ? (
    <>
      <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
        {confirmText}
      </button>
      <button type="button" onClick={onCancel}>
        Huỷ
      </button>
    </>
  ) : (
    <button type="button" aria-label={label} onClick={onOpen}>
      {text}
    </button>
  );
}
