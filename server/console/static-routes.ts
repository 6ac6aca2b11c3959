import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The console and the board are static pages built by Vite into dist/renderer/{console,board}
 * with their scripts in dist/renderer/assets. Strict headers on every page: only the app's own
 * scripts, styles and connections; never inside a frame.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** dist/renderer next to the compiled server (dist/server/console) or from the source tree. */
export function findRendererDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.HAILONG_RENDERER_DIR,
    resolve(here, '../../renderer'),
    resolve(here, '../../dist/renderer'),
    resolve('dist/renderer'),
  ].filter((c): c is string => typeof c === 'string');
  // The source tree has renderer/console/index.html too, but no built assets beside it.
  return (
    candidates.find((dir) => existsSync(join(dir, 'console', 'index.html')) && existsSync(join(dir, 'assets'))) ?? null
  );
}

interface Cached {
  raw: Buffer;
  gzip: Buffer;
  type: string;
}

const NOT_BUILT = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>hailong</title>
<p>Giao diện bảng điều khiển chưa được build. Hãy chạy <code>npm run build</code> rồi khởi động lại máy chủ.</p></html>`;

export function staticRoutes(app: FastifyInstance): void {
  const cache = new Map<string, Cached | null>();
  const load = (file: string): Cached | null => {
    if (cache.has(file)) return cache.get(file)!;
    let entry: Cached | null = null;
    if (existsSync(file)) {
      const raw = readFileSync(file);
      entry = { raw, gzip: gzipSync(raw, { level: 9 }), type: TYPES[extname(file)] ?? 'application/octet-stream' };
    }
    // HTML is re-read after a rebuild; hashed assets never change under their name.
    if (!file.endsWith('.html')) cache.set(file, entry);
    return entry;
  };
  const send = (request: FastifyRequest, reply: FastifyReply, entry: Cached, cacheControl: string) => {
    reply
      .headers(PAGE_HEADERS)
      .header('Content-Type', entry.type)
      .header('Cache-Control', cacheControl)
      .header('Vary', 'Accept-Encoding');
    const accepts = request.headers['accept-encoding'] ?? '';
    if (/\bgzip\b/.test(accepts)) return reply.header('Content-Encoding', 'gzip').send(entry.gzip);
    return reply.send(entry.raw);
  };
  const page = (name: 'console' | 'board') => async (request: FastifyRequest, reply: FastifyReply) => {
    const dir = findRendererDir();
    const entry = dir ? load(join(dir, name, 'index.html')) : null;
    if (!entry) return reply.code(503).headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(NOT_BUILT);
    return send(request, reply, entry, 'no-cache');
  };
  app.get('/', page('console'));
  app.get('/board', page('board'));
  app.get('/board/', page('board'));
  // Browsers ask for it on their own; an empty answer keeps their consoles free of 404s.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).headers(PAGE_HEADERS).send());
  app.get('/assets/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    const dir = findRendererDir();
    // Only plain file names: no path can climb out of the assets folder.
    const entry = dir && /^[\w.-]+$/.test(file) && !file.startsWith('.') ? load(join(dir, 'assets', file)) : null;
    if (!entry) {
      return reply.code(404).send({ error: { code: 'not_found', message: 'Không tìm thấy tệp.' } });
    }
    return send(request, reply, entry, 'public, max-age=31536000, immutable');
  });
}
