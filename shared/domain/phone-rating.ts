import { z } from 'zod';

/**
 * Rate later from the phone (issue 11 §3). Each ticket carries a token minted by the kiosk:
 * 16 random bytes (128 bits) in base64url, 22 characters. The QR on the ticket opens
 * `<public address>/r/<token>` on the central server; the token is the only key, so it must be
 * unguessable and is never shown anywhere else.
 */
export const RATING_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const RatingTokenSchema = z.string().regex(RATING_TOKEN_PATTERN, 'mã phiếu không hợp lệ');

/** The page a ticket's QR opens; `base` is the centre's public address (no trailing slash needed). */
export function phoneRatingUrl(base: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/r/${token}`;
}

/** The rating channels: the counter kiosk's own prompt, or the phone page. */
export const RATING_CHANNELS = ['kiosk', 'phone'] as const;
export type RatingChannel = (typeof RATING_CHANNELS)[number];

/** Shown by the kiosk when a ticket was already rated from the phone. */
export const RATED_BY_PHONE_MESSAGE = 'Phiếu này đã được đánh giá qua điện thoại. Mỗi phiếu chỉ được đánh giá một lần.';
