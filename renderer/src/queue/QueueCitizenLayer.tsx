import { useEffect, useRef, useState } from 'react';
import { useKiosk } from '../store/kiosk-context.ts';
import { AnnouncementQueue, callAnnouncement, RATING_INVITATION } from './announcement-queue.ts';
import { createBrowserAnnouncer } from './browser-announcer.ts';
import './queue.css';

const BANNER_SECONDS = 10;

let sharedQueue: AnnouncementQueue | null = null;
/** The centre's choice as the kiosk last published it; read by the announcer at each announcement. */
let preferSystemVoice = false;
/** One queue per page, created on first use (the AudioContext must not exist before it is needed). */
function announcements(): AnnouncementQueue {
  sharedQueue ??= new AnnouncementQueue(createBrowserAnnouncer({ preferSystemVoice: () => preferSystemVoice }));
  return sharedQueue;
}

/**
 * The queue's effects on the citizen screen: announce each call (chime, then speech), show the
 * called number, and open the rating screen for a ticket the officer has just finished.
 */
export function QueueCitizenLayer() {
  // A system vi-VN voice only when the centre prefers it (and one exists); the bundled clips otherwise.
  const systemVoice = useKiosk((s) => s.kiosk?.queue.preferSystemVoice ?? false);
  useEffect(() => {
    preferSystemVoice = systemVoice;
  }, [systemVoice]);
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
  const opened = useRef<string | null>(null);

  useEffect(() => {
    if (!request || opened.current === request.ticketId || screen.name !== 'idle') return;
    if (Date.parse(request.until) <= Date.now()) return;
    opened.current = request.ticketId;
    go({ name: 'rating', ticketId: request.ticketId });
    // Invited by voice once, gently (no chime), when the prompt opens; a kiosk setting turns it off.
    if (voice) void announcements().enqueue(RATING_INVITATION, false);
  }, [request, screen, go, voice]);

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
  }, [loaded, lastCall]);

  useEffect(() => {
    if (!banner) return undefined;
    const timer = window.setTimeout(() => setBanner(null), BANNER_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [banner]);

  return banner;
}
