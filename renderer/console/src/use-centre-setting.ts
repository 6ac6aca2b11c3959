import { useEffect, useState } from 'react';
import { apiWithHeaders, errorText } from './api.ts';
import { useSelectedCentre, withCentre } from './centre-store.ts';
import { useSession } from './session-store.ts';

/** A setting's name in `GET /api/v1/centre-settings` (and `DELETE /api/v1/centre-settings/<name>`). */
export type SettingName =
  | 'queue'
  | 'agencyOrder'
  | 'technicianPin'
  | 'duty'
  | 'pinPolicy'
  | 'misuseRules'
  | 'ratingPrompt'
  | 'alerts'
  | 'liveAlerts'
  | 'speech'
  | 'reportFraming';

/** Where the shown value came from (the answer's `hailong-setting-source` header). */
export type SettingSource = 'centre' | 'province' | 'default';

export interface CentreSetting<T> {
  name: SettingName;
  data: T | null;
  error: string | null;
  source: SettingSource | null;
  /**
   * Which level the page edits: a centre (the one a province admin chose, or a centre user's
   * own), the province default, or null on a single-centre server, where there is nothing to tell.
   */
  level: 'centre' | 'province' | null;
  /** `path` at the level read, for the writes: the same centre, or the province. */
  at: (path: string) => string;
  reload: () => void;
}

const SOURCES: readonly string[] = ['centre', 'province', 'default'];

/**
 * A settings GET at the selected centre (issue 13): a province admin's choice goes in the query
 * (`?centre=<code>`), none is the province default; a centre's user always gets their own.
 */
export function useCentreSetting<T>(path: string, name: SettingName): CentreSetting<T> {
  const code = useSelectedCentre((s) => s.code);
  const centres = useSelectedCentre((s) => s.centres);
  const role = useSession((s) => s.session?.role);
  const [tick, setTick] = useState(0);
  const [loaded, setLoaded] = useState<{ data: T | null; source: SettingSource | null; error: string | null }>({
    data: null,
    source: null,
    error: null,
  });
  const url = withCentre(path, code);
  useEffect(() => {
    let current = true;
    apiWithHeaders<T>(url).then(
      ({ data, headers }) => {
        const header = headers.get('hailong-setting-source') ?? '';
        if (current)
          setLoaded({ data, source: SOURCES.includes(header) ? (header as SettingSource) : null, error: null });
      },
      (failure: unknown) => {
        if (current) setLoaded((prev) => ({ ...prev, error: errorText(failure) }));
      },
    );
    return () => {
      current = false;
    };
  }, [url, tick]);
  let level: CentreSetting<T>['level'] = null;
  if (role === 'province_admin') level = code ? 'centre' : centres && centres.length > 1 ? 'province' : null;
  else if (role) level = 'centre';
  return { name, ...loaded, level, at: (p) => withCentre(p, code), reload: () => setTick((n) => n + 1) };
}
