/**
 * How a waiting-room TV opens the board so that it speaks with nobody tapping `Bật âm thanh`:
 * Chromium in kiosk mode with the autoplay policy that needs no user gesture. `npm start`
 * prints this command; docs/board.md explains it. The button stays as the fallback for a
 * browser opened by hand.
 */
export const BOARD_CHROMIUM_FLAGS = [
  '--kiosk',
  '--autoplay-policy=no-user-gesture-required',
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
  '--disable-translate',
] as const;

export function boardLaunchCommand(boardUrl: string, chromium = 'chromium'): string {
  return [chromium, ...BOARD_CHROMIUM_FLAGS, boardUrl].join(' ');
}

/** The board's address: `/board/<centre code>` when the centre is known, `/board` (the first centre's) otherwise. */
export function boardAddress(serverUrl: string, centreCode?: string | null): string {
  const base = `${serverUrl.replace(/\/+$/, '')}/board`;
  return centreCode ? `${base}/${encodeURIComponent(centreCode)}` : base;
}
