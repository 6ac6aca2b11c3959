import { randomBytes } from 'node:crypto';
import { phoneRatingUrl } from '../../../shared/domain/phone-rating.ts';

/** 128 random bits, base64url (22 characters): the only key to a ticket's phone page. */
export function mintRatingToken(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The QR on a ticket: the phone page when the kiosk knows an address for it (the centre's
 * public address, else the server it syncs with) and the ticket has a token; otherwise the
 * ticket's id, enough to find it in this kiosk's records.
 */
export function ticketQrText(
  ticket: { id: string; number: string; rating_token?: string | null },
  publicAddress: string | null,
): string {
  if (ticket.rating_token && publicAddress) return phoneRatingUrl(publicAddress, ticket.rating_token);
  return `hailong:ticket/${ticket.id}?so=${encodeURIComponent(ticket.number)}`;
}
