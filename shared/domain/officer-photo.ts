/**
 * An officer's photo, shown on the kiosk's idle screen. The bytes decide the type, never the
 * file name or the declared content type: a photo is stored (as is, no re-encoding) only when
 * its first bytes are those of a JPEG, PNG or WebP image.
 */
export const OFFICER_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type OfficerPhotoType = (typeof OFFICER_PHOTO_TYPES)[number];

/** Every kiosk of the counter receives the photo with its configuration: kept small. */
export const MAX_OFFICER_PHOTO_BYTES = 300 * 1024;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The image type its magic bytes announce, or null for anything else. */
export function sniffPhotoType(bytes: Uint8Array): OfficerPhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return 'image/webp';
  }
  return null;
}

/** A stored photo is a `data:` URL of one of the accepted types (a kiosk refuses anything else). */
export function isPhotoDataUrl(value: string): boolean {
  return OFFICER_PHOTO_TYPES.some((type) => value.startsWith(`data:${type};base64,`));
}
