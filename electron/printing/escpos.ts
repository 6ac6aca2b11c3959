import { bytesPerRow } from './mono-bitmap.ts';
import type { MonoBitmap } from './mono-bitmap.ts';

/** Byte values of the commands used, named as in the Epson ESC/POS reference. */
export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;

/** ESC @ — initialise the printer (clears modes left by a previous job). */
export const INITIALISE = Uint8Array.of(ESC, 0x40);
/** GS V 66 0 — feed to the cutter position, then partial cut (leaves a tab, ticket does not fall). */
export const FEED_AND_PARTIAL_CUT = Uint8Array.of(GS, 0x56, 66, 0);

/** Largest band: 255 rows, and never more than 24 KiB, which cheap printers' buffers take whole. */
export const MAX_BAND_ROWS = 255;
export const MAX_BAND_BYTES = 24 * 1024;

/** ESC d n — print the buffer and feed n lines. */
export function feedLines(lines: number): Uint8Array {
  return Uint8Array.of(ESC, 0x64, Math.max(0, Math.min(255, Math.trunc(lines))));
}

/** DLE EOT n — real-time status request (1 printer, 2 offline cause, 3 error cause, 4 roll paper). */
export function statusRequest(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** Row ranges [start, end) that split a bitmap into bands within both limits. */
export function bandRows(bitmap: MonoBitmap, maxRows = MAX_BAND_ROWS, maxBytes = MAX_BAND_BYTES): [number, number][] {
  const rowsPerBand = Math.max(1, Math.min(maxRows, Math.floor(maxBytes / bytesPerRow(bitmap))));
  const bands: [number, number][] = [];
  for (let start = 0; start < bitmap.height; start += rowsPerBand) {
    bands.push([start, Math.min(bitmap.height, start + rowsPerBand)]);
  }
  return bands;
}

/** GS v 0 m xL xH yL yH d1…dk — one raster band in normal mode (m = 0). */
export function rasterBand(bitmap: MonoBitmap, startRow: number, endRow: number): Uint8Array {
  const widthBytes = bytesPerRow(bitmap);
  const rows = endRow - startRow;
  const out = new Uint8Array(8 + widthBytes * rows);
  out.set([GS, 0x76, 0x30, 0, widthBytes & 0xff, widthBytes >> 8, rows & 0xff, rows >> 8]);
  out.set(bitmap.data.subarray(startRow * widthBytes, endRow * widthBytes), 8);
  return out;
}

/**
 * The whole print job for one ticket: initialise, the raster in bands, a short feed so the
 * last line clears the head, then a partial cut.
 */
export function encodeRasterJob(bitmap: MonoBitmap, options: { feedLines?: number; cut?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [INITIALISE];
  for (const [start, end] of bandRows(bitmap)) parts.push(rasterBand(bitmap, start, end));
  parts.push(feedLines(options.feedLines ?? 3));
  if (options.cut ?? true) parts.push(FEED_AND_PARTIAL_CUT);
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
