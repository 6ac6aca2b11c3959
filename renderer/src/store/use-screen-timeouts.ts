import { useEffect } from 'react';
import { useKiosk } from './kiosk-context.ts';
import { waitsForInput } from './screen.ts';

/** How long a failed rating's message stays before the kiosk returns to idle. */
export const ERROR_RETURN_SECONDS = 6;

/**
 * Returns the kiosk to idle: after the thank-you, after a failed rating's message, and from any
 * interrupted flow after `idleTimeoutSeconds` without a touch or key press.
 */
export function useScreenTimeouts(): void {
  const screen = useKiosk((s) => s.screen);
  const goIdle = useKiosk((s) => s.goIdle);
  const thankYouSeconds = useKiosk((s) => s.kiosk?.settings.thankYouSeconds ?? 5);
  const idleTimeoutSeconds = useKiosk((s) => s.kiosk?.settings.idleTimeoutSeconds ?? 30);

  useEffect(() => {
    if (screen.name === 'idle') return undefined;
    if (!waitsForInput(screen)) {
      const seconds = screen.name === 'thanks' ? thankYouSeconds : ERROR_RETURN_SECONDS;
      const timer = window.setTimeout(goIdle, seconds * 1000);
      return () => window.clearTimeout(timer);
    }
    let timer = 0;
    const arm = (): void => {
      window.clearTimeout(timer);
      timer = window.setTimeout(goIdle, idleTimeoutSeconds * 1000);
    };
    arm();
    window.addEventListener('pointerdown', arm, true);
    window.addEventListener('keydown', arm, true);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointerdown', arm, true);
      window.removeEventListener('keydown', arm, true);
    };
  }, [screen, goIdle, thankYouSeconds, idleTimeoutSeconds]);
}
