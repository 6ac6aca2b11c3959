/**
 * The kiosk's own origin. Pages are served only from app://kiosk (never a remote URL), so
 * "is this our page?" is one comparison of scheme and host.
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const KIOSK_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
/** The officer console, on a second display; its route belongs to the renderer. */
export const OFFICER_URL = `${KIOSK_URL}#/officer`;

/**
 * True when the URL belongs to app://kiosk. Compared by scheme and host, because Node's URL
 * gives an opaque origin ("null") for schemes it does not know.
 */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.port === ''
  );
}
