/**
 * Whether this browser lets the board speak without a tap: true when the TV's Chromium was
 * started with `--autoplay-policy=no-user-gesture-required` (see cli/commands/board-launch.ts).
 * Then the `Bật âm thanh` button is not needed; it stays as the fallback otherwise.
 * Chromium has no navigator.getAutoplayPolicy: a fresh AudioContext starts `running` only
 * when sound may play without a gesture, `suspended` otherwise.
 */
export function autoplayAllowed(): boolean {
  const nav = navigator as Navigator & { getAutoplayPolicy?: (type: 'audiocontext') => string };
  if (typeof nav.getAutoplayPolicy === 'function') return nav.getAutoplayPolicy('audiocontext') === 'allowed';
  if (typeof AudioContext !== 'function') return false;
  try {
    const probe = new AudioContext();
    const running = probe.state === 'running';
    void probe.close();
    return running;
  } catch {
    return false;
  }
}
