import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { KioskStoreContext, useKiosk } from '../store/kiosk-context.ts';
import type { KioskStoreApi } from '../store/kiosk-store.ts';
import { AnnouncementQueue, callAnnouncement, RATING_INVITATION } from './announcement-queue.ts';
import { createBrowserAnnouncer } from './browser-announcer.ts';
import './queue.css';

const BANNER_SECONDS = 10;

const queues = new WeakMap<KioskStoreApi, AnnouncementQueue>();

/**
 * The page's one announcement queue (one kiosk store per page), created on first use: the
 * AudioContext must not exist before it is needed. The announcer reads the centre's voice
 * choice from the kiosk settings at each announcement.
 */
function announcementsOf(store: KioskStoreApi): AnnouncementQueue {
  let queue = queues.get(store);
  if (!queue) {
    const preferSystemVoice = () => store.getState().kiosk?.settings.preferSystemVoice ?? false;
    queues.set(store, (queue = new AnnouncementQueue(createBrowserAnnouncer({ preferSystemVoice }))));
  }
  return queue;
}

/** Gets the page's announcement queue when something is to be said. */
function useAnnouncements(): () => AnnouncementQueue {
  const store = useContext(KioskStoreContext);
  if (!store) throw new Error('useAnnouncements must be used inside <KioskStoreContext>');
  return useCallback(() => announcementsOf(store), [store]);
}

/**
 * The queue's effects on the citizen screen: announce each call (chime, then speech), show the
 * called number, and open the rating screen for a ticket the officer has just finished.
 */
export function QueueCitizenLayer() {
  useRatingRequest();
  const banner = useCallAnnouncements();
  // The served citizen is rating: the next call is heard, not laid over their buttons.
  const rating = useKiosk((s) => ['rating', 'reasons', 'thanks'].includes(s.screen.name));
  if (!banner || rating) return null;
  return (
    <div className="call-banner" role="status" aria-live="assertive">
      Mời số <strong>{banner.number}</strong> đến quầy số <strong>{banner.counterNumber}</strong>
    </div>
  );
}

/** Opens the rating screen for the finished ticket when the kiosk is idle; back to idle when the window ends. */
function useRatingRequest(): void {
  const request = useKiosk((s) => s.kiosk?.queue.ratingRequest ?? null);
  const screen = useKiosk((s) => s.screen);
  const go = useKiosk((s) => s.go);
  const goIdle = useKiosk((s) => s.goIdle);
  const voice = useKiosk((s) => s.kiosk?.queue.ratingVoice ?? true);
  const announcements = useAnnouncements();
  const opened = useRef<string | null>(null);

  useEffect(() => {
    if (!request || opened.current === request.ticketId || screen.name !== 'idle') return;
    if (Date.parse(request.until) <= Date.now()) return;
    opened.current = request.ticketId;
    go({ name: 'rating', ticketId: request.ticketId });
    // Invited by voice once, gently (no chime), when the prompt opens; a kiosk setting turns it off.
    if (voice) void announcements().enqueue(RATING_INVITATION, false);
  }, [request, screen, go, voice, announcements]);

  const ratingTicket = screen.name === 'rating' ? screen.ticketId : undefined;
  const until = request?.ticketId === ratingTicket ? request?.until : undefined;
  useEffect(() => {
    if (ratingTicket === undefined || until === undefined) return undefined;
    const timer = window.setTimeout(goIdle, Math.max(0, Date.parse(until) - Date.now()));
    return () => window.clearTimeout(timer);
  }, [ratingTicket, until, goIdle]);
}

/** Announces each new call once; a page opened after a call does not repeat it. */
function useCallAnnouncements(): { number: string; counterNumber: number } | null {
  const loaded = useKiosk((s) => s.kiosk !== null);
  const lastCall = useKiosk((s) => s.kiosk?.queue.lastCall ?? null);
  const announcements = useAnnouncements();
  const seen = useRef<number | null | undefined>(undefined);
  const [banner, setBanner] = useState<{ number: string; counterNumber: number; callId: number } | null>(null);

  useEffect(() => {
    if (!loaded) return;
    const callId = lastCall?.callId ?? null;
    if (seen.current === undefined) {
      seen.current = callId;
      return;
    }
    if (!lastCall || callId === seen.current) return;
    seen.current = callId;
    setBanner({ number: lastCall.number, counterNumber: lastCall.counterNumber, callId: lastCall.callId });
    void announcements().enqueue(callAnnouncement(lastCall.number, lastCall.counterNumber));
  }, [loaded, lastCall, announcements]);

  useEffect(() => {
    if (!banner) return undefined;
    const timer = window.setTimeout(() => setBanner(null), BANNER_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [banner]);

  return banner;
}
