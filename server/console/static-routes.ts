import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rendererDir } from '../../shared/node/package-paths.ts';
import { securityHeaders } from '../../shared/node/security-headers.ts';

/**
 * The console and the board are static pages built by Vite into dist/renderer/{console,board}
 * with their scripts in dist/renderer/assets. Strict headers on every page (the same builder as
 * the kiosk's; the console's sign-in form posts to its own server): only the app's own scripts,
 * styles and connections; never inside a frame.
 */
export const PAGE_HEADERS = securityHeaders({ formAction: "'self'" });

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ogg': 'audio/ogg',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/** dist/renderer at the package root when the console has been built there, else null. */
export function findRendererDir(dir: string = rendererDir()): string | null {
  // The source tree has renderer/console/index.html too, but no built assets beside it.
  return existsSync(join(dir, 'console', 'index.html')) && existsSync(join(dir, 'assets')) ? dir : null;
}

interface Cached {
  raw: Buffer;
  gzip: Buffer;
  type: string;
}

const NOT_BUILT = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>hailong</title>
<p>Giao diện bảng điều khiển chưa được build. Hãy chạy <code>npm run build</code> rồi khởi động lại máy chủ.</p></html>`;

export interface StaticRoutesOptions {
  /** The Vite build to serve; dist/renderer at the package root by default. */
  rendererDir?: string;
}

export function staticRoutes(app: FastifyInstance, options: StaticRoutesOptions = {}): void {
  const builtDir = options.rendererDir ?? rendererDir();
  // Only files that exist are kept, so the map is bounded by the build, never by what visitors
  // ask for (a miss is cheap: one existsSync).
  const cache = new Map<string, Cached>();
  const load = (file: string): Cached | null => {
    const cached = cache.get(file);
    if (cached) return cached;
    if (!existsSync(file)) return null;
    const raw = readFileSync(file);
    const entry = { raw, gzip: gzipSync(raw, { level: 9 }), type: TYPES[extname(file)] ?? 'application/octet-stream' };
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
  const page = (name: 'console' | 'board' | 'phone') => async (request: FastifyRequest, reply: FastifyReply) => {
    const dir = findRendererDir(builtDir);
    const entry = dir ? load(join(dir, name, 'index.html')) : null;
    if (!entry) return reply.code(503).headers(PAGE_HEADERS).type('text/html; charset=utf-8').send(NOT_BUILT);
    return send(request, reply, entry, 'no-cache');
  };
  app.get('/', page('console'));
  app.get('/board', page('board'));
  app.get('/board/', page('board'));
  // One board per centre; the page reads the code from its address and asks the API for it.
  app.get('/board/:code', page('board'));
  // The phone page a ticket's QR opens; the token stays in the address, the page reads it.
  app.get('/r/:token', page('phone'));
  // Browsers ask for it on their own; an empty answer keeps their consoles free of 404s.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).headers(PAGE_HEADERS).send());
  app.get('/assets/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    const dir = findRendererDir(builtDir);
    // Only plain file names: no path can climb out of the assets folder.
    const entry = dir && /^[\w.-]+$/.test(file) && !file.startsWith('.') ? load(join(dir, 'assets', file)) : null;
    if (!entry) {
      return reply.code(404).send({ error: { code: 'not_found', message: 'Không tìm thấy tệp.' } });
    }
    return send(request, reply, entry, 'public, max-age=31536000, immutable');
  });
}
