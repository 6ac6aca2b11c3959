/**
 * The officer console's address: `/officer` in the browser host (served the same page) and
 * `#/officer` in Electron's officer window (a file-like app:// origin has no server routes).
 */
export function isOfficerRoute(location: Pick<Location, 'pathname' | 'hash'>): boolean {
  return /\/officer\/?$/.test(location.pathname) || /^#\/?officer\/?$/.test(location.hash);
}
