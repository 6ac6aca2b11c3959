import { crc32, deflateSync } from 'node:zlib';

/**
 * A 1-bit image as thermal printers take it: rows packed MSB-first, 1 = black dot,
 * `width` a multiple of 8 so every row is exactly `width / 8` bytes.
 */
export interface MonoBitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

export function bytesPerRow(bitmap: Pick<MonoBitmap, 'width'>): number {
  return bitmap.width >> 3;
}

export function createMonoBitmap(width: number, height: number): MonoBitmap {
  if (width <= 0 || width % 8 !== 0) throw new RangeError(`Độ rộng ảnh phải là bội số của 8: ${width}`);
  if (height < 0 || !Number.isInteger(height)) throw new RangeError(`Chiều cao ảnh không hợp lệ: ${height}`);
  return { width, height, data: new Uint8Array((width >> 3) * height) };
}

export function getPixel(bitmap: MonoBitmap, x: number, y: number): boolean {
  const byte = bitmap.data[y * bytesPerRow(bitmap) + (x >> 3)] ?? 0;
  return (byte & (0x80 >> (x & 7))) !== 0;
}

/** Number of dots that differ between two bitmaps of the same size. */
export function countDifferentPixels(a: MonoBitmap, b: MonoBitmap): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`Kích thước khác nhau: ${a.width}×${a.height} và ${b.width}×${b.height}`);
  }
  let count = 0;
  for (let i = 0; i < a.data.length; i += 1) {
    let diff = (a.data[i] ?? 0) ^ (b.data[i] ?? 0);
    while (diff !== 0) {
      diff &= diff - 1;
      count += 1;
    }
  }
  return count;
}

/**
 * Thresholds RGBA pixels (as from getImageData) at 50% luminance. Text needs no dithering:
 * anti-aliased edges simply fall on one side of the threshold.
 */
export function monoFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): MonoBitmap {
  const bitmap = createMonoBitmap(width, height);
  const out = bitmap.data;
  const bytes = out.length;
  // Integer luminance (0.299, 0.587, 0.114 scaled by 1000) against 50% of 255 000, eight dots per byte.
  for (let index = 0, i = 0; index < bytes; index += 1) {
    let byte = 0;
    for (let bit = 0x80; bit !== 0; bit >>= 1, i += 4) {
      const alpha = rgba[i + 3]!;
      let lum = rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114;
      // Transparent counts as paper (white).
      if (alpha !== 255) lum = (lum * alpha + 255_000 * (255 - alpha)) / 255;
      if (lum < 127_500) byte |= bit;
    }
    out[index] = byte;
  }
  return bitmap;
}

function pngChunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * Encodes as a 1-bit grayscale PNG (tiny files, exact pixels) with the physical size of a
 * 203 dpi thermal head recorded, so an OS print dialog can print it at true size.
 */
export function monoBitmapToPng(bitmap: MonoBitmap): Buffer {
  const rowBytes = bytesPerRow(bitmap);
  const raw = Buffer.alloc((rowBytes + 1) * bitmap.height);
  for (let y = 0; y < bitmap.height; y += 1) {
    const out = y * (rowBytes + 1);
    raw[out] = 0; // filter: none
    for (let i = 0; i < rowBytes; i += 1) {
      // PNG grayscale 1-bit: 0 is black; the printer's 1 is black.
      raw[out + 1 + i] = ~(bitmap.data[y * rowBytes + i] ?? 0) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(bitmap.width, 0);
  ihdr.writeUInt32BE(bitmap.height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // grayscale
  const phys = Buffer.alloc(9);
  const dotsPerMetre = Math.round(203 / 0.0254);
  phys.writeUInt32BE(dotsPerMetre, 0);
  phys.writeUInt32BE(dotsPerMetre, 4);
  phys[8] = 1; // unit: metre
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('pHYs', phys),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}
