import type { WebContents } from 'electron';

/**
 * No page may open a window (window.open, target=_blank); the kiosk's own windows are made
 * by the main process only.
 * https://www.electronjs.org/docs/latest/tutorial/security#14-disable-or-limit-creation-of-new-windows
 */
export function denyNewWindows(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
