import type { FastifyInstance } from 'fastify';
import {
  PHONE_PATHS,
  PhoneRatingRequestSchema,
  PhoneRatingResponseSchema,
  PhoneTicketStatusSchema,
} from '../../shared/contract/phone-rating.ts';
import { RATING_TOKEN_PATTERN } from '../../shared/domain/phone-rating.ts';
import type { ServerContext } from '../context.ts';
import { deliverIngested } from '../console/live-events.ts';
import { HttpError } from '../http-error.ts';
import { addRoute } from '../routes/route.ts';
import { PHONE_DEVICE_ID, recordPhoneRating } from './phone-rating.ts';
import { PhoneLimiter, type PhoneLimit } from './phone-limiter.ts';
import { phoneTicketStatus } from './phone-ticket.ts';

/**
 * Limits of the public phone API: the page polls every few seconds, a citizen rates once.
 * Counted in the database, so they hold across every server process of the centre.
 */
export const PHONE_LIMITS = {
  /** Requests per address per minute (a centre's guest Wi-Fi shares one address). */
  perAddress: 600,
  /** Status reads per token per minute (a page polls every 3 s; a few tabs are fine). */
  perToken: 60,
  /** Rating attempts per token per hour. */
  ratingsPerToken: 5,
} as const;

function tokenOf(params: Record<string, string>): string {
  const token = params.token ?? '';
  if (!RATING_TOKEN_PATTERN.test(token)) throw new HttpError(404, 'not_found', 'Mã phiếu không hợp lệ.');
  return token;
}

const TOO_MANY = 'Quá nhiều yêu cầu từ thiết bị này; xin vui lòng thử lại sau ít phút.';

/** The public phone API (no login): a ticket's live status and its rating (issue 11 §3). */
export function phoneRoutes(app: FastifyInstance, server: ServerContext): void {
  const limiter = new PhoneLimiter(server.db);
  const perAddress = (ip: string): PhoneLimit => ({ key: `a:${ip}`, max: PHONE_LIMITS.perAddress, windowMs: 60_000 });
  const limit = async (...limits: PhoneLimit[]) => {
    if (!(await limiter.take(limits, server.now().getTime()))) throw new HttpError(429, 'rate_limited', TOO_MANY);
  };

  addRoute(app, server, {
    method: 'GET',
    url: PHONE_PATHS.status,
    summary: 'Trạng thái phiếu cho trang điện thoại (công khai, theo mã trên QR)',
    access: 'public',
    response: PhoneTicketStatusSchema,
    handler: async ({ request, params, reply }) => {
      const token = tokenOf(params);
      await limit(perAddress(request.ip), { key: `s:${token}`, max: PHONE_LIMITS.perToken, windowMs: 60_000 });
      void reply.header('Cache-Control', 'no-store');
      return phoneTicketStatus(server.db, token, server.now().getTime());
    },
  });

  addRoute(app, server, {
    method: 'POST',
    url: PHONE_PATHS.rating,
    summary: 'Đánh giá phiếu từ điện thoại: một lần cho mỗi phiếu (kiosk hoặc điện thoại), ghi cho cán bộ đã phục vụ',
    access: 'public',
    body: PhoneRatingRequestSchema,
    response: PhoneRatingResponseSchema,
    bodyLimit: 2048,
    handler: async ({ request, params, body }) => {
      const token = tokenOf(params);
      await limit(perAddress(request.ip), {
        key: `r:${token}`,
        max: PHONE_LIMITS.ratingsPerToken,
        windowMs: 3_600_000,
      });
      await recordPhoneRating(server.db, token, body, server.now());
      // Wakes the counters' queue streams and the console's live pages.
      deliverIngested(server, { deviceId: PHONE_DEVICE_ID, events: [] });
      return { ok: true as const, message: 'Cảm ơn ông/bà đã đánh giá!' };
    },
  });
}
