import type { App, WebContents } from 'electron';
import { refuseForeignNavigation } from './navigation.ts';
import { denyNewWindows } from './new-windows.ts';
import { denyAllPermissions } from './permissions.ts';
import { refuseWebviews } from './webviews.ts';

/** Every rule, on one web contents. */
export function hardenWebContents(contents: WebContents): void {
  refuseForeignNavigation(contents);
  denyNewWindows(contents);
  refuseWebviews(contents);
  denyAllPermissions(contents.session);
}

/**
 * Applied to every web contents the app ever creates, so no window can be made without them.
 * https://www.electronjs.org/docs/latest/tutorial/security#checklist-security-recommendations
 */
export function applySecurityRules(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });
}
