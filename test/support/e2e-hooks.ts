import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium, openKiosk, type E2eKiosk, type KioskOptions } from './e2e-kiosk.ts';

/**
 * One Chromium for the enclosing describe block, launched before its first test and closed after
 * its last. Call it inside describe(); the getter is only valid inside tests and hooks.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
  return () => {
    if (!browser) throw new Error('Chromium chưa chạy: chỉ dùng trình duyệt bên trong it() hoặc hook.');
    return browser;
  };
}

/** Opens kiosks for the current test and closes every one of them after it, passed or failed. */
export function useKiosks(browser: () => Browser): (options?: KioskOptions) => Promise<E2eKiosk> {
  let opened: E2eKiosk[] = [];
  afterEach(async () => {
    const closing = opened;
    opened = [];
    for (const kiosk of closing) await kiosk.close();
  });
  return async (options) => {
    const kiosk = await openKiosk(browser(), options);
    opened.push(kiosk);
    return kiosk;
  };
}

/** A fresh resource (e.g. a console server) started before each test and closed after it. */
export function usePerTest<T extends { close(): Promise<unknown> }>(start: () => Promise<T>): () => T {
  let current: T | undefined;
  beforeEach(async () => {
    current = await start();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('Chưa khởi động: chỉ dùng bên trong it() hoặc hook.');
    return current;
  };
}
