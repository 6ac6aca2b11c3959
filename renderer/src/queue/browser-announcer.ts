import { playClips } from '../speech/clip-player.ts';
import type { Announcement, AnnouncementOutput } from './announcement-queue.ts';

const wait = (ms: number): Promise<void> => new Promise((resolve) => window.setTimeout(resolve, ms));

/** Two tones, high then low, like a counter bell: generated, so no audio file is fetched. */
const TONES = [
  { hz: 880, at: 0, length: 0.45 },
  { hz: 659.25, at: 0.38, length: 0.7 },
];
const CHIME_SECONDS = 1.1;

function playTones(context: AudioContext): void {
  const start = context.currentTime + 0.02;
  for (const tone of TONES) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = tone.hz;
    // A quick attack and an exponential fade sound like a bell rather than a beep.
    gain.gain.setValueAtTime(0.0001, start + tone.at);
    gain.gain.exponentialRampToValueAtTime(0.35, start + tone.at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + tone.at + tone.length);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + tone.at);
    oscillator.stop(start + tone.at + tone.length + 0.05);
  }
}

/** The voices load asynchronously in Chromium: wait briefly for them the first time. */
async function vietnameseVoice(synth: SpeechSynthesis): Promise<SpeechSynthesisVoice | null> {
  let voices = synth.getVoices();
  if (voices.length === 0) {
    await Promise.race([
      new Promise<void>((resolve) => synth.addEventListener('voiceschanged', () => resolve(), { once: true })),
      wait(800),
    ]);
    voices = synth.getVoices();
  }
  return voices.find((v) => v.lang.toLowerCase().replace('_', '-').startsWith('vi')) ?? null;
}

export interface BrowserAnnouncerOptions {
  /** The centre prefers a system vi-VN voice where one is installed (read at each call: a setting may change). */
  preferSystemVoice?: () => boolean;
}

function speakWithVoice(synth: SpeechSynthesis, voice: SpeechSynthesisVoice, text: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = 0.9;
    // A speech engine that never reports the end must not block the next call for ever.
    const guard = window.setTimeout(resolve, 15_000);
    const done = (): void => {
      window.clearTimeout(guard);
      resolve();
    };
    utterance.onend = done;
    utterance.onerror = done;
    synth.speak(utterance);
  });
}

/**
 * The speaker of the citizen screen, the officer's console and the board: a Web Audio chime, then
 * the bundled Vietnamese clips (correct with no system voice and no network), or a system vi-VN
 * voice when the centre prefers it and one exists (also when a word has no clip). Speech is
 * never cancelled, only queued.
 */
export function createBrowserAnnouncer(options: BrowserAnnouncerOptions = {}): AnnouncementOutput {
  let context: AudioContext | null = null;
  /** The audio context when it can play now; null before any touch or with no audio device. */
  const running = async (): Promise<AudioContext | null> => {
    try {
      context ??= new AudioContext();
      // Before any touch the browser may keep audio suspended; do not wait on it forever.
      if (context.state === 'suspended') await Promise.race([context.resume(), wait(300)]);
      return context.state === 'running' ? context : null;
    } catch {
      return null;
    }
  };
  return {
    async chime() {
      const audio = await running();
      // No audio: the on-screen call banner still shows the number.
      if (!audio) return;
      playTones(audio);
      await wait(CHIME_SECONDS * 1000);
    },
    async speak(announcement: Announcement) {
      const synth = 'speechSynthesis' in window ? window.speechSynthesis : null;
      const voice =
        synth && (options.preferSystemVoice?.() || !announcement.clips) ? await vietnameseVoice(synth) : null;
      if (synth && voice) return speakWithVoice(synth, voice, announcement.text);
      const audio = announcement.clips ? await running() : null;
      if (audio && announcement.clips) await playClips(audio, announcement.clips);
    },
  };
}
