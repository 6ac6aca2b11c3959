import { createMonoBitmap } from './mono-bitmap.ts';
import type { MonoBitmap } from './mono-bitmap.ts';

/** Dots fed by one line feed at the default line spacing (about 1/6 inch at 203 dpi). */
export const LINE_FEED_DOTS = 30;

export type DecodedEvent =
  | { type: 'status-request'; n: number }
  | { type: 'job'; bitmap: MonoBitmap; cut: boolean }
  | { type: 'unsupported'; description: string };

interface Band {
  widthBytes: number;
  rows: number;
  data: Uint8Array;
}

/**
 * Reads an ESC/POS byte stream as a printer would, chunk by chunk: ESC @, GS v 0 raster
 * bands (stacked into one image per job), feeds, GS V cut (ends a job) and DLE EOT
 * (answered by the caller). Feeds between bands become white rows; feeds after the last
 * band are paper movement only and do not appear in the image.
 */
export class EscPosDecoder {
  private pending = new Uint8Array(0);
  private bands: Band[] = [];
  private feedDots = 0;

  push(chunk: Uint8Array): DecodedEvent[] {
    const buffer = new Uint8Array(this.pending.length + chunk.length);
    buffer.set(this.pending);
    buffer.set(chunk, this.pending.length);
    const events: DecodedEvent[] = [];
    let i = 0;
    for (;;) {
      const used = this.step(buffer, i, events);
      if (used === 0) break;
      i += used;
    }
    this.pending = buffer.slice(i);
    return events;
  }

  /** Ends the stream (connection closed): a job without a cut still comes out. */
  end(): DecodedEvent[] {
    const events: DecodedEvent[] = [];
    this.finishJob(events, false);
    this.pending = new Uint8Array(0);
    return events;
  }

  /** Consumes one command at `i`; returns the bytes used, 0 when the command is not complete yet. */
  private step(b: Uint8Array, i: number, events: DecodedEvent[]): number {
    const left = b.length - i;
    if (left <= 0) return 0;
    const at = (k: number) => b[i + k] ?? 0;
    const op = at(0);
    if (op === 0x0a) {
      this.feedDots += LINE_FEED_DOTS;
      return 1;
    }
    if (op === 0x10) {
      if (left < 2) return 0;
      if (at(1) === 0x04) {
        if (left < 3) return 0;
        events.push({ type: 'status-request', n: at(2) });
        return 3;
      }
      if (at(1) === 0x14) return left < 5 ? 0 : 5; // DLE DC4 fn m t
      return 1;
    }
    if (op === 0x1b) {
      if (left < 2) return 0;
      const cmd = at(1);
      if (cmd === 0x40) {
        this.finishJob(events, false);
        return 2;
      }
      if (cmd === 0x32) return 2; // ESC 2: default line spacing
      if (left < 3) return 0;
      if (cmd === 0x64)
        this.feedDots += at(2) * LINE_FEED_DOTS; // ESC d n
      else if (cmd === 0x4a)
        this.feedDots += at(2); // ESC J n
      else if (![0x21, 0x2d, 0x33, 0x45, 0x47, 0x4d, 0x61, 0x74, 0x7b].includes(cmd)) {
        events.push({ type: 'unsupported', description: `ESC 0x${cmd.toString(16)}` });
      }
      return 3;
    }
    if (op === 0x1d) {
      if (left < 2) return 0;
      const cmd = at(1);
      if (cmd === 0x76) {
        if (left < 8) return 0;
        const widthBytes = at(4) + at(5) * 256;
        const rows = at(6) + at(7) * 256;
        const size = widthBytes * rows;
        if (left < 8 + size) return 0;
        if (at(2) !== 0x30 || (at(3) !== 0 && at(3) !== 0x30)) {
          events.push({ type: 'unsupported', description: `GS v 0x${at(2).toString(16)} m=${at(3)}` });
        } else {
          this.addBand({ widthBytes, rows, data: b.slice(i + 8, i + 8 + size) });
        }
        return 8 + size;
      }
      if (cmd === 0x56) {
        if (left < 3) return 0;
        const m = at(2);
        const withN = m === 65 || m === 66 || m >= 97;
        if (withN && left < 4) return 0;
        this.finishJob(events, true);
        return withN ? 4 : 3;
      }
      if (cmd === 0x28) {
        if (left < 5) return 0;
        const length = at(3) + at(4) * 256;
        return left < 5 + length ? 0 : 5 + length;
      }
      if (left < 3) return 0;
      events.push({ type: 'unsupported', description: `GS 0x${cmd.toString(16)}` });
      return 3;
    }
    // Text bytes: this printer only renders raster, as the kiosk sends nothing else.
    return 1;
  }

  private addBand(band: Band): void {
    if (this.feedDots > 0 && this.bands.length > 0) {
      const widthBytes = this.bands[this.bands.length - 1]!.widthBytes;
      this.bands.push({ widthBytes, rows: this.feedDots, data: new Uint8Array(widthBytes * this.feedDots) });
    }
    this.feedDots = 0;
    this.bands.push(band);
  }

  private finishJob(events: DecodedEvent[], cut: boolean): void {
    this.feedDots = 0;
    if (this.bands.length === 0) return;
    const widthBytes = Math.max(...this.bands.map((band) => band.widthBytes));
    const height = this.bands.reduce((sum, band) => sum + band.rows, 0);
    const bitmap = createMonoBitmap(widthBytes * 8, height);
    let row = 0;
    for (const band of this.bands) {
      for (let r = 0; r < band.rows; r += 1) {
        bitmap.data.set(band.data.subarray(r * band.widthBytes, (r + 1) * band.widthBytes), (row + r) * widthBytes);
      }
      row += band.rows;
    }
    this.bands = [];
    events.push({ type: 'job', bitmap, cut });
  }
}
