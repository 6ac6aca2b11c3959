import type { ConsoleSession } from '../../../shared/contract/console-api.ts';
import { useSession } from './session-store.ts';

/** An error the person can read: the server's Vietnamese message, or ours when the network failed. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const EXPIRED = 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.';
const OFFLINE = 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.';

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  json?: unknown;
  /** A file upload sent as it is. */
  file?: Blob;
}

async function readError(response: Response): Promise<ApiFailure> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    return new ApiFailure(
      response.status,
      body.error?.code ?? 'error',
      body.error?.message ?? `Lỗi ${response.status}.`,
    );
  } catch {
    return new ApiFailure(response.status, 'error', `Máy chủ trả lỗi ${response.status}.`);
  }
}

/** Every call of the console: the session cookie, the CSRF header on writes, 401 → login page. */
async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  const csrf = useSession.getState().session?.csrfToken;
  if (method !== 'GET' && csrf) headers['X-Hailong-CSRF'] = csrf;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.file) {
    headers['Content-Type'] = options.file.type || 'application/octet-stream';
    body = options.file;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiFailure(0, 'network', OFFLINE);
  }
  if (response.status === 401 && !path.endsWith('/auth/login')) {
    const failure = await readError(response);
    useSession.getState().expired(EXPIRED);
    throw failure;
  }
  if (!response.ok) throw await readError(response);
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A GET whose answer headers matter too (a setting's source: `hailong-setting-source`). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names what the endpoint returns
export async function apiWithHeaders<T>(path: string): Promise<{ data: T; headers: Headers }> {
  const response = await send(path, {});
  return { data: (await response.json()) as T, headers: response.headers };
}

export async function login(username: string, password: string): Promise<ConsoleSession> {
  const answer = await api<Omit<ConsoleSession, 'centreId'> & { centreId?: number | null }>('/api/v1/auth/login', {
    method: 'POST',
    json: { username, password, session: 'cookie' },
  });
  return {
    csrfToken: answer.csrfToken,
    role: answer.role,
    username: answer.username,
    expiresAt: answer.expiresAt,
    centreId: answer.centreId ?? null,
    mustChangePassword: answer.mustChangePassword,
  };
}

/** The session behind the cookie, or null when there is none (a fresh visit). */
export async function currentSession(): Promise<ConsoleSession | null> {
  const response = await fetch('/api/v1/console/session', { credentials: 'same-origin', cache: 'no-store' }).catch(
    () => null,
  );
  if (!response?.ok) return null;
  return (await response.json()) as ConsoleSession;
}

export async function logout(): Promise<void> {
  try {
    await api('/api/v1/auth/logout', { method: 'POST' });
  } finally {
    useSession.getState().signedOut('Đã đăng xuất.');
  }
}

export const errorText = (error: unknown): string =>
  error instanceof ApiFailure ? error.message : 'Đã có lỗi không mong muốn. Hãy tải lại trang.';
