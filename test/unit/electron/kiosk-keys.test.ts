import { describe, expect, it } from 'vitest';
import { blockKioskShortcuts, isBlockedKioskShortcut } from '../../../electron/main/kiosk-keys.ts';
import { FakeWebContents, fakeEvent, key } from './fake-electron.ts';

describe('kiosk keyboard escapes', () => {
  it.each([
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+W', key('KeyW', { control: true })],
    ['Cmd+W', key('KeyW', { meta: true })],
    ['Ctrl+Q', key('KeyQ', { control: true })],
    ['F11', key('F11')],
    ['F5', key('F5')],
    ['Ctrl+R', key('KeyR', { control: true })],
    ['Ctrl+Shift+R', key('KeyR', { control: true, shift: true })],
    ['Ctrl+Shift+I', key('KeyI', { control: true, shift: true })],
    ['Cmd+Alt+I', key('KeyI', { meta: true, alt: true })],
    ['F12', key('F12')],
    ['Ctrl+P', key('KeyP', { control: true })],
    ['Ctrl+=', key('Equal', { control: true })],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
  ])('%s is cancelled', (_name, input) => {
    const contents = new FakeWebContents();
    blockKioskShortcuts(contents.asWebContents());
    const event = fakeEvent();
    contents.emit('before-input-event', event, input);
    expect(event.defaultPrevented).toBe(true);
  });

  it.each([
    ['a digit for a PIN', key('Digit1')],
    ['Backspace', key('Backspace')],
    ['Enter', key('Enter')],
    ['a letter', key('KeyW')],
    ['Shift+letter', key('KeyI', { shift: true })],
    ['F4 alone', key('F4')],
    ['Ctrl+C (copy)', key('KeyC', { control: true })],
  ])('%s still reaches the page', (_name, input) => {
    expect(isBlockedKioskShortcut(input)).toBe(false);
    const contents = new FakeWebContents();
    blockKioskShortcuts(contents.asWebContents());
    const event = fakeEvent();
    contents.emit('before-input-event', event, input);
    expect(event.defaultPrevented).toBe(false);
  });
});
