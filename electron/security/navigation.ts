import type { WebContents } from 'electron';
import { isAppUrl } from './app-origin.ts';

/**
 * A kiosk page never leaves the app: a link, a redirect or a script setting location to
 * anything outside app://kiosk is cancelled.
 * https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
 */
export function refuseForeignNavigation(contents: WebContents): void {
  const refuse = (event: { url: string; preventDefault: () => void }): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', refuse);
  contents.on('will-redirect', refuse);
}
