import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { KioskCore, type KioskCoreOptions } from '../../electron/core/kiosk-core.ts';
import type { QueuePrinter } from '../../electron/core/queue/printer-port.ts';
import { startBrowserHost } from '../../electron/host/browser-host.ts';

export const RENDERER_DIR = resolve('dist/renderer');
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export interface Viewport {
  width: number;
  height: number;
}

export const VIEWPORTS = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
  small: { width: 1280, height: 800 },
} as const satisfies Record<string, Viewport>;

/** Fails with an instruction instead of a blank page when the renderer was never built. */
export function requireBuiltRenderer(): void {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`Không thấy ${RENDERER_DIR}/index.html: hãy chạy "npm run build" trước khi chạy kiểm thử e2e.`);
  }
}

/** One Chromium per test file; each kiosk gets its own context. */
export async function launchChromium(): Promise<Browser> {
  requireBuiltRenderer();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Any core option (printer, clock, PIN policy …) passes through to every KioskCore of the kiosk. */
export interface KioskOptions extends Omit<KioskCoreOptions, 'dataDir'> {
  viewport?: Viewport;
  /** Only for injecting axe-core, which CSP would rightly refuse as an inline script. */
  bypassCSP?: boolean;
  /** The ticket printer (e.g. printerFromUrl(virtualPrinter.url)); none by default. */
  printer?: QueuePrinter | null;
  /** false: a never-enrolled kiosk as installed (no demo seed); the demo by default. */
  demo?: boolean;
}

/** A running kiosk: its core (for reading SQLite and changing settings), its URL and a page on it. */
export interface E2eKiosk {
  /** The current core; replaced by restartHost(). */
  readonly core: KioskCore;
  readonly url: string;
  readonly dataDir: string;
  context: BrowserContext;
  page: Page;
  /** Stops the host and its core, as when the kiosk process dies; the page stays open. */
  stopHost(): Promise<void>;
  /** A new core on the same data folder behind a host on the same port, as after a restart. */
  startHost(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh data folder with the demo configuration, the browser host on a free port, a page open on it. */
export async function openKiosk(browser: Browser, options: KioskOptions = {}): Promise<E2eKiosk> {
  requireBuiltRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'hailong-e2e-'));
  const { viewport, bypassCSP, demo, ...coreOptions } = options;
  let core: KioskCore | undefined = new KioskCore({ ...coreOptions, dataDir, printer: options.printer ?? null });
  let host: Awaited<ReturnType<typeof startBrowserHost>> | undefined;
  let context: BrowserContext | undefined;
  let port = 0;
  const stopHost = async (): Promise<void> => {
    await host?.app.close();
    host = undefined;
    core?.close();
    core = undefined;
  };
  const startHost = async (): Promise<void> => {
    core ??= new KioskCore({ ...coreOptions, dataDir, printer: options.printer ?? null });
    host = await startBrowserHost({ core, rendererDir: RENDERER_DIR, port });
    port = Number(new URL(host.url).port);
  };
  const close = async (): Promise<void> => {
    await context?.close();
    await stopHost();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (demo !== false) await core.seedDemo();
    await startHost();
    context = await browser.newContext({
      viewport: viewport ?? VIEWPORTS.landscape,
      locale: 'vi-VN',
      bypassCSP: bypassCSP ?? false,
    });
    const page = await context.newPage();
    const url = host!.url;
    return {
      get core() {
        if (!core) throw new Error('Kiosk core đang dừng (stopHost)');
        return core;
      },
      url,
      dataDir,
      context,
      page,
      stopHost,
      startHost,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
