import { create } from 'zustand';
import type { ConsoleSession } from '../../../shared/contract/console-api.ts';

export type Route = 'today' | 'ratings' | 'alerts' | 'reports' | 'staff' | 'kiosks' | 'users';
export const ROUTES: readonly Route[] = ['today', 'ratings', 'alerts', 'reports', 'staff', 'kiosks', 'users'];

interface SessionState {
  /** undefined while the page asks the server whether a session exists. */
  session: ConsoleSession | null | undefined;
  /** Shown on the login page: why the person was sent back there. */
  loginNotice: string | null;
  route: Route;
  signedIn: (session: ConsoleSession) => void;
  /** The server said 401: back to the login page with the reason. */
  expired: (message: string) => void;
  signedOut: (notice?: string) => void;
  go: (route: Route) => void;
}

export function routeFromHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '');
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : 'today';
}

export const useSession = create<SessionState>((set) => ({
  session: undefined,
  loginNotice: null,
  route: routeFromHash(window.location.hash),
  signedIn: (session) => set({ session, loginNotice: null }),
  expired: (message) => set((state) => (state.session === null ? state : { session: null, loginNotice: message })),
  signedOut: (notice) => set({ session: null, loginNotice: notice ?? null }),
  go: (route) => {
    if (window.location.hash !== `#/${route}`) window.location.hash = `#/${route}`;
    set({ route });
  },
}));
