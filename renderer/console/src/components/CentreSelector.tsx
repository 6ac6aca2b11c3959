import { useCentresLoader, useSelectedCentre } from '../centre-store.ts';
import { useSession } from '../session-store.ts';

/**
 * The header's centre: a province admin chooses which centre every page shows ("Tất cả trung
 * tâm" or one by name); a centre's user sees their centre's name and nothing to choose.
 */
export function CentreSelector() {
  useCentresLoader();
  const session = useSession((s) => s.session);
  const centres = useSelectedCentre((s) => s.centres);
  const code = useSelectedCentre((s) => s.code);
  const select = useSelectedCentre((s) => s.select);
  if (!session || !centres) return null;
  if (session.role !== 'province_admin') {
    const own = centres.find((c) => c.id === session.centreId);
    return own ? <span className="centre-name">{own.name}</span> : null;
  }
  // A single centre needs no choice.
  if (centres.length < 2) return null;
  return (
    <label className="centre-select">
      <span className="visually-hidden">Trung tâm</span>
      <select value={code ?? ''} onChange={(event) => select(event.target.value || null)}>
        <option value="">Tất cả trung tâm</option>
        {centres.map((c) => (
          <option key={c.id} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
