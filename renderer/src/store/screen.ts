import type { TakeNumberFlow } from '../queue/take-number-flow.ts';

/**
 * Where the kiosk is in its flows. idle → rating → (low level) reasons → thanks → idle;
 * idle → signIn → officerPin → idle; idle → signOut → idle; hidden corner → technicianPin →
 * technician → idle. Everything but idle and thanks times out back to idle.
 */
export type Screen =
  | { name: 'idle' }
  // ticketId: the rating asked for a served ticket (one rating per ticket); absent for walk-ups.
  | { name: 'rating'; ticketId?: string; error?: string }
  | { name: 'reasons'; error?: string }
  | { name: 'thanks' }
  | { name: 'signIn' }
  | { name: 'officerPin'; officerId: string }
  | { name: 'signOut'; error?: string }
  | { name: 'technicianPin' }
  // The verified PIN is held only while this screen is open: every technician call needs it.
  | { name: 'technician'; pin: string; error?: string; notice?: string }
  | { name: 'takeNumber'; flow: TakeNumberFlow };

export type ScreenName = Screen['name'];

/** Screens that wait for the person in front of the kiosk and so time out to idle. */
export function waitsForInput(screen: Screen): boolean {
  return screen.name !== 'idle' && screen.name !== 'thanks' && !(screen.name === 'rating' && screen.error);
}
