import type { WebContents } from 'electron';

/**
 * The kiosk never embeds other content: any <webview> is refused before it attaches.
 * https://www.electronjs.org/docs/latest/tutorial/security#12-verify-webview-options-before-creation
 */
export function refuseWebviews(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}
