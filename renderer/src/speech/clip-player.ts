/// <reference types="vite/client" />
import type { ClipId } from '../../../shared/domain/announcement-clips.ts';

// Vite copies each clip into the build (hashed, beside the scripts) and gives its URL, so the
// kiosk's app:// handler, the browser host and the central server serve them like any asset.
const URLS = import.meta.glob<string>('./clips/*.ogg', { eager: true, query: '?url', import: 'default' });

/** The URL of a clip, or undefined when the build has no such file. */
export function clipUrl(id: ClipId): string | undefined {
  return URLS[`./clips/${id}.ogg`];
}

/** Decoded clips, kept for the page's life: the whole set is a few hundred kilobytes. */
const decoded = new Map<string, Promise<AudioBuffer>>();

function load(context: AudioContext, url: string): Promise<AudioBuffer> {
  let buffer = decoded.get(url);
  if (!buffer) {
    buffer = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`Không tải được âm thanh ${url}: ${String(response.status)}`);
        return response.arrayBuffer();
      })
      .then((bytes) => context.decodeAudioData(bytes));
    // A failed fetch is tried again next time rather than remembered.
    buffer.catch(() => decoded.delete(url));
    decoded.set(url, buffer);
  }
  return buffer;
}

/**
 * Plays the clips back to back on one clock (scheduled, not chained on `ended`, so there is no
 * gap between words) and resolves when the last one ends. False when a clip is missing.
 */
export async function playClips(context: AudioContext, clips: readonly ClipId[]): Promise<boolean> {
  const urls = clips.map(clipUrl);
  if (urls.some((url) => url === undefined)) return false;
  const buffers = await Promise.all(urls.map((url) => load(context, url!)));
  let at = context.currentTime + 0.05;
  for (const buffer of buffers) {
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    source.start(at);
    at += buffer.duration;
  }
  const seconds = at - context.currentTime;
  await new Promise<void>((resolve) => window.setTimeout(resolve, Math.max(0, seconds * 1000)));
  return true;
}
