import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../security/app-origin.ts';
import { SECURITY_HEADERS } from '../security/content-security-policy.ts';

/**
 * app:// behaves like https for the page (standard: relative URLs and a real origin; secure:
 * a secure context), so the screens never need file:// or a local web server.
 * https://www.electronjs.org/docs/latest/tutorial/security#18-avoid-usage-of-the-file-protocol-and-prefer-usage-of-custom-protocols
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** Must run before the app's 'ready' event, as Electron requires. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ogg': 'audio/ogg',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under rendererDir that an app://kiosk URL names, or null when the URL is for
 * another host, is malformed, or would step outside rendererDir (../, encoded or not).
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // NUL and backslash have no place in the renderer's file names; a backslash is a separator on Windows.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rendererDir);
  const target = resolve(root, `.${pathname}`);
  const inside = relative(root, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return target;
}

function respond(status: number, body: BodyInit | null, contentType: string): Response {
  // The CSP and the other security headers go on every answer, errors included.
  return new Response(body, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-cache' },
  });
}

/** The app:// handler: the built screens from rendererDir, nothing else. */
export function createAppHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, 'Phương thức không được hỗ trợ', 'text/plain; charset=utf-8');
    }
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return respond(403, 'Không được phép truy cập', 'text/plain; charset=utf-8');
    try {
      const content = await readFile(file);
      const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return respond(200, request.method === 'HEAD' ? null : new Uint8Array(content), type);
    } catch {
      return respond(404, 'Không tìm thấy', 'text/plain; charset=utf-8');
    }
  };
}
