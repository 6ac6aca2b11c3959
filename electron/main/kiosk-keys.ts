import type { Input, WebContents } from 'electron';

/** Keys that act whatever the modifiers: reload (F5), fullscreen (F11), developer tools (F12). */
const ALWAYS_BLOCKED = new Set(['F5', 'F11', 'F12']);
/** With Ctrl (Cmd on macOS): close, reload, quit, new window/tab, print, open, save, view source, zoom. */
const BLOCKED_WITH_MOD = new Set(['KeyW', 'KeyR', 'KeyQ', 'KeyN', 'KeyT', 'KeyP', 'KeyO', 'KeyS', 'KeyU']);
const ZOOM_KEYS = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);
/** With Ctrl+Shift (or Cmd+Alt on macOS): developer tools and the element inspector. */
const DEVTOOLS_KEYS = new Set(['KeyI', 'KeyJ', 'KeyC']);

/**
 * True for a keyboard shortcut that would close, reload, zoom or inspect the kiosk page.
 * Matched on the physical key (code), so a Vietnamese input method does not change it.
 * OS-level keys (Alt+Tab, Ctrl+Alt+Del, the Windows key) never reach the page: those are
 * locked down by the OS kiosk account, not here.
 */
export function isBlockedKioskShortcut(input: Pick<Input, 'code' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  const mod = input.control || input.meta;
  if (ALWAYS_BLOCKED.has(input.code)) return true;
  if (input.alt && input.code === 'F4') return true;
  if (input.alt && (input.code === 'ArrowLeft' || input.code === 'ArrowRight')) return true;
  if (input.code === 'BrowserBack' || input.code === 'BrowserForward' || input.code === 'BrowserRefresh') return true;
  if (mod && (input.shift || input.alt) && DEVTOOLS_KEYS.has(input.code)) return true;
  if (mod && (BLOCKED_WITH_MOD.has(input.code) || ZOOM_KEYS.has(input.code))) return true;
  return false;
}

/** Cancels those shortcuts before the page or Chromium sees them. */
export function blockKioskShortcuts(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKioskShortcut(input)) event.preventDefault();
  });
}
