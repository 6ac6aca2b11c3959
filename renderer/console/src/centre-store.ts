import { useEffect } from 'react';
import { create } from 'zustand';
import type { CentreOut } from '../../../shared/contract/centres-api.ts';
import { api } from './api.ts';
import { useSession } from './session-store.ts';

/**
 * The centre the console's pages show (issue 13). A province admin picks one in the header, or
 * none for every centre; a centre's user always sees their own (the server narrows it), so their
 * choice stays null. Kept in the address (`?centre=TT01`) so a reload or a shared link keeps it.
 * Every page that reads data, and later the settings pages, take it from here: `withCentre`.
 */
interface SelectedCentreState {
  /** The centres the user may see: every centre for a province admin, their own otherwise; null until loaded. */
  centres: CentreOut[] | null;
  /** The code chosen by a province admin; null: every centre (or a centre user's own). */
  code: string | null;
  select: (code: string | null) => void;
}

const codeFromAddress = (): string | null => new URLSearchParams(window.location.search).get('centre') || null;

export const useSelectedCentre = create<SelectedCentreState>((set) => ({
  centres: null,
  code: codeFromAddress(),
  select: (code) => {
    const url = new URL(window.location.href);
    if (code) url.searchParams.set('centre', code);
    else url.searchParams.delete('centre');
    window.history.replaceState(window.history.state, '', url);
    set({ code });
  },
}));

/** The selected centre (null: every centre, or a centre user's own). */
export function useCentre(): CentreOut | null {
  return useSelectedCentre((s) => (s.code ? (s.centres?.find((c) => c.code === s.code) ?? null) : null));
}

/**
 * The staff lists and creations (counters, officers, kiosks, enrolment codes) name the centre by
 * id: `path` with `centreId=<id>` of the chosen centre, and the field for a creation's body
 * (nothing chosen: the server's default, a user's own centre or the first).
 */
export function useCentreIdPath(path: string): string {
  const centre = useCentre();
  return centre ? `${path}${path.includes('?') ? '&' : '?'}centreId=${String(centre.id)}` : path;
}

export function useCentreIdBody(): { centreId?: number } {
  const centre = useCentre();
  return centre ? { centreId: centre.id } : {};
}

/** `path` narrowed to the selected centre: `?centre=<code>` added when a province admin chose one. */
export function withCentre(path: string, code: string | null): string {
  if (!code) return path;
  return `${path}${path.includes('?') ? '&' : '?'}centre=${encodeURIComponent(code)}`;
}

/** `withCentre` with the current choice, re-rendering the caller when it changes. */
export function useCentrePath(path: string): string {
  return withCentre(
    path,
    useSelectedCentre((s) => s.code),
  );
}

/** A query string with the selected centre added (`centre=<code>`), for reads and downloads alike. */
export function useCentreQuery(params: Record<string, string>): string {
  const code = useSelectedCentre((s) => s.code);
  const query = new URLSearchParams(params);
  if (code) query.set('centre', code);
  return query.toString();
}

/** Loads the centres the signed-in user may see (once per session); an unknown code in the address is dropped. */
export function useCentresLoader(): void {
  const session = useSession((s) => s.session);
  useEffect(() => {
    if (!session) return;
    let current = true;
    api<CentreOut[]>('/api/v1/centres').then(
      (centres) => {
        if (!current) return;
        useSelectedCentre.setState({ centres });
        const { code, select } = useSelectedCentre.getState();
        if (code && (session.role !== 'province_admin' || !centres.some((c) => c.code === code))) select(null);
      },
      // Without the list the header shows no selector; the pages still show the user's data.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [session]);
}
