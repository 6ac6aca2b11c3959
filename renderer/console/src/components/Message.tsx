export type Flash = { ok: boolean; text: string } | null;

/** A result line after an action: a status for success, an alert for an error. */
export function Message({ flash }: { flash: Flash }) {
  if (!flash) return null;
  return (
    <p className={flash.ok ? 'notice' : 'error'} role={flash.ok ? 'status' : 'alert'}>
      {flash.text}
    </p>
  );
}
