import { DomainError } from '../../../shared/contract/result.ts';
import { EnrollResponseSchema, type EnrollResponse } from '../../../shared/contract/sync-protocol.ts';

export type FetchLike = typeof fetch;

const BAD_URL = 'Địa chỉ máy chủ không hợp lệ: cần dạng http://máy-chủ:cổng hoặc https://máy-chủ.';

/**
 * Checks a server address typed by a technician and returns it without a trailing slash.
 * Only http and https are allowed: anything else could not be a hailong server.
 */
export function normaliseServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new DomainError('invalid_input', BAD_URL);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DomainError('invalid_input', 'Địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://.');
  }
  if (url.username || url.password || url.search || url.hash) throw new DomainError('invalid_input', BAD_URL);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function unreachableMessage(serverUrl: string): string {
  return `Không kết nối được máy chủ ${serverUrl}. Hãy kiểm tra địa chỉ, mạng và máy chủ rồi thử lại.`;
}

/** The API's error body `{error: {code, message}}`, if the response carries one. */
async function serverError(response: Response): Promise<{ code: string; message: string } | null> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    return typeof code === 'string' && typeof message === 'string' ? { code, message } : null;
  } catch {
    return null;
  }
}

/** The server's own Vietnamese sentence from an error body, if it sent one. */
export async function serverMessage(response: Response): Promise<string | null> {
  return (await serverError(response))?.message ?? null;
}

/**
 * Exchanges a one-time enrolment code for a device id and token. Every failure a technician
 * can meet becomes a Vietnamese DomainError: bad address, unreachable server, wrong or expired
 * code, or a server that answers something else.
 */
export async function requestEnrolment(options: {
  serverUrl: string;
  code: string;
  name: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}): Promise<EnrollResponse> {
  const serverUrl = normaliseServerUrl(options.serverUrl);
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${serverUrl}/api/v1/devices/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: options.code.trim(), name: options.name }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch {
    throw new DomainError('unavailable', unreachableMessage(serverUrl));
  }
  if (response.status === 429) {
    throw new DomainError('unavailable', 'Đã thử đăng ký quá nhiều lần. Hãy chờ vài phút rồi thử lại.');
  }
  if (response.status === 404) {
    // A hailong server always has this route: the address (or its path) is not one.
    throw new DomainError(
      'unavailable',
      `Địa chỉ ${serverUrl} không phải máy chủ hailong (không có /api/v1/devices/enroll). Hãy kiểm tra lại địa chỉ.`,
    );
  }
  if (response.status >= 400 && response.status < 500) {
    const error = await serverError(response);
    // The server says which it is (wrong, used, expired) in Vietnamese; otherwise say both.
    throw new DomainError(
      'invalid_input',
      error?.code === 'bad_enrollment_code'
        ? error.message
        : 'Mã đăng ký sai hoặc đã hết hạn. Hãy tạo mã mới trên máy chủ trung tâm rồi nhập lại.',
    );
  }
  if (!response.ok) {
    const detail = await serverMessage(response);
    throw new DomainError(
      'unavailable',
      `Máy chủ báo lỗi khi đăng ký (HTTP ${response.status})${detail ? `: ${detail}` : ''}. Hãy thử lại sau.`,
    );
  }
  const parsed = EnrollResponseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) {
    throw new DomainError('unavailable', `Máy chủ ${serverUrl} trả lời không đúng giao thức hailong.`);
  }
  return parsed.data;
}
