import { describe, expect, it } from 'vitest';
import { EscPosDecoder, LINE_FEED_DOTS } from '../../../electron/printing/escpos-decoder.ts';
import { bandRows, encodeRasterJob, rasterBand } from '../../../electron/printing/escpos.ts';
import { createMonoBitmap, getPixel } from '../../../electron/printing/mono-bitmap.ts';
import type { MonoBitmap } from '../../../electron/printing/mono-bitmap.ts';

function patterned(width: number, height: number): MonoBitmap {
  const bitmap = createMonoBitmap(width, height);
  for (let i = 0; i < bitmap.data.length; i += 1) bitmap.data[i] = (i * 37 + 11) & 0xff;
  return bitmap;
}

describe('ESC/POS raster encoding', () => {
  it('encodes a 16×2 bitmap as ESC @, one GS v 0 band, a feed and a partial cut, byte for byte', () => {
    const bitmap = createMonoBitmap(16, 2);
    bitmap.data.set([0x80, 0x01, 0xff, 0x00]);
    expect([...encodeRasterJob(bitmap)]).toEqual([
      0x1b,
      0x40, // ESC @
      0x1d,
      0x76,
      0x30,
      0x00, // GS v 0, m = 0 (normal size)
      0x02,
      0x00, // xL xH: 2 bytes across
      0x02,
      0x00, // yL yH: 2 rows
      0x80,
      0x01,
      0xff,
      0x00, // rows, MSB first
      0x1b,
      0x64,
      0x03, // ESC d 3
      0x1d,
      0x56,
      0x42,
      0x00, // GS V 66 0
    ]);
  });

  it('writes xL xH and yL yH little-endian for a full 80 mm band', () => {
    const band = rasterBand(patterned(576, 300), 0, 255);
    expect([...band.subarray(0, 8)]).toEqual([0x1d, 0x76, 0x30, 0, 72, 0, 255, 0]);
    expect(band.length).toBe(8 + 72 * 255);
  });

  it('splits a tall ticket into bands of at most 255 rows and 24 KiB, covering every row once', () => {
    expect(bandRows(patterned(576, 600))).toEqual([
      [0, 255],
      [255, 510],
      [510, 600],
    ]);
    expect(bandRows(patterned(384, 255))).toEqual([[0, 255]]);
    // A byte limit smaller than 255 rows wins: 1024 bytes / 48 bytes a row = 21 rows.
    const bands = bandRows(patterned(384, 50), 255, 1024);
    expect(bands).toEqual([
      [0, 21],
      [21, 42],
      [42, 50],
    ]);
    expect(bandRows(createMonoBitmap(384, 0))).toEqual([]);
  });
});

describe('ESC/POS decoding (what the virtual printer sees)', () => {
  it('stacks the bands of a job back into the same bitmap, whatever the chunking', () => {
    const bitmap = patterned(384, 700);
    const job = encodeRasterJob(bitmap);
    for (const chunkSize of [1, 7, 4096, job.length]) {
      const decoder = new EscPosDecoder();
      const events = [];
      for (let i = 0; i < job.length; i += chunkSize) events.push(...decoder.push(job.subarray(i, i + chunkSize)));
      const jobs = events.filter((e) => e.type === 'job');
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.cut).toBe(true);
      expect(jobs[0]!.bitmap).toEqual(bitmap);
    }
  });

  it('reports DLE EOT requests and does not mistake 10 04 inside raster data for one', () => {
    const bitmap = createMonoBitmap(8, 3);
    bitmap.data.set([0x10, 0x04, 0x01]);
    const decoder = new EscPosDecoder();
    const events = decoder.push(Uint8Array.of(0x10, 0x04, 0x01, 0x10, 0x04, 0x04, ...encodeRasterJob(bitmap)));
    expect(events.filter((e) => e.type === 'status-request')).toEqual([
      { type: 'status-request', n: 1 },
      { type: 'status-request', n: 4 },
    ]);
    const job = events.find((e) => e.type === 'job');
    expect(job?.type === 'job' && [...job.bitmap.data]).toEqual([0x10, 0x04, 0x01]);
  });

  it('turns a feed between bands into white rows and ends a job without a cut when the stream ends', () => {
    const top = createMonoBitmap(8, 1);
    top.data[0] = 0xff;
    const decoder = new EscPosDecoder();
    decoder.push(rasterBand(top, 0, 1));
    decoder.push(Uint8Array.of(0x1b, 0x64, 0x02)); // ESC d 2
    expect(decoder.push(rasterBand(top, 0, 1))).toEqual([]);
    const [event] = decoder.end();
    expect(event?.type).toBe('job');
    if (event?.type !== 'job') return;
    expect(event.cut).toBe(false);
    expect(event.bitmap.height).toBe(2 + 2 * LINE_FEED_DOTS);
    expect(getPixel(event.bitmap, 0, 0)).toBe(true);
    expect(getPixel(event.bitmap, 0, 1)).toBe(false);
    expect(getPixel(event.bitmap, 7, event.bitmap.height - 1)).toBe(true);
  });
});
