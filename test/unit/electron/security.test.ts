import type { App } from 'electron';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../electron/security/app-origin.ts';
import { applySecurityRules, hardenWebContents } from '../../../electron/security/harden-web-contents.ts';
import { FakeWebContents, fakeEvent } from './fake-electron.ts';

function hardened(): FakeWebContents {
  const contents = new FakeWebContents();
  hardenWebContents(contents.asWebContents());
  return contents;
}

describe('navigation', () => {
  it.each(['will-navigate', 'will-redirect'])('%s to a foreign URL is cancelled', (eventName) => {
    const contents = hardened();
    for (const url of [
      'https://example.com/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'http://127.0.0.1:5180/',
      'javascript:alert(1)',
      'app://kiosk.evil.com/',
      'not a url',
    ]) {
      const event = fakeEvent({ url });
      contents.emit(eventName, event);
      expect(event.defaultPrevented, url).toBe(true);
    }
  });

  it.each(['will-navigate', 'will-redirect'])('%s within app://kiosk is allowed', (eventName) => {
    const contents = hardened();
    for (const url of ['app://kiosk/index.html', 'app://kiosk/index.html#/officer', 'app://kiosk/']) {
      const event = fakeEvent({ url });
      contents.emit(eventName, event);
      expect(event.defaultPrevented, url).toBe(false);
    }
  });

  it('recognises only app://kiosk as the app', () => {
    expect(isAppUrl('app://kiosk/index.html')).toBe(true);
    expect(isAppUrl('app://user@kiosk/index.html')).toBe(false);
    expect(isAppUrl('app://kiosk:8080/index.html')).toBe(false);
    expect(isAppUrl('https://kiosk/index.html')).toBe(false);
  });
});

describe('new windows', () => {
  it('every window.open is denied', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('requests are answered no', () => {
    const { session } = hardened();
    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen', 'openExternal']) {
      const answers: boolean[] = [];
      session.requestHandler?.({}, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
    }
  });

  it('checks and device permissions are answered no', () => {
    const { session } = hardened();
    expect(session.checkHandler?.(null, 'media', 'app://kiosk', {})).toBe(false);
    expect(session.checkHandler?.(null, 'clipboard-read', 'app://kiosk', {})).toBe(false);
    expect(session.deviceHandler?.({ deviceType: 'usb', origin: 'app://kiosk' })).toBe(false);
  });
});

describe('webview', () => {
  it('attaching a <webview> is refused', () => {
    const contents = hardened();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://example.com/' });
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('applySecurityRules', () => {
  it('hardens every web contents the app creates', () => {
    const app = new EventEmitter();
    applySecurityRules(app as unknown as App);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    const event = fakeEvent({ url: 'https://example.com/' });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.session.checkHandler?.(null, 'media', '', {})).toBe(false);
  });
});
