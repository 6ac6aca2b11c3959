import { describe, expect, it } from 'vitest';
import { KEYPAD_LEGEND, keypadAction } from '../../../renderer/src/officer/keypad.ts';

describe('officer keypad shortcuts', () => {
  it.each([
    [{ key: '+', code: 'NumpadAdd' }, 'callNext'],
    [{ key: 'Enter', code: 'NumpadEnter' }, 'callNext'],
    [{ key: 'Enter', code: 'Enter' }, 'callNext'],
    [{ key: '*', code: 'NumpadMultiply' }, 'recall'],
    [{ key: '-', code: 'NumpadSubtract' }, 'noShow'],
    [{ key: '/', code: 'NumpadDivide' }, 'transfer'],
    [{ key: '0', code: 'Numpad0' }, 'start'],
    // A Vietnamese layout types "," on the numpad's decimal key.
    [{ key: ',', code: 'NumpadDecimal' }, 'finish'],
    [{ key: 'Backspace', code: 'Backspace' }, 'finish'],
    [{ key: '+', code: 'Equal' }, 'callNext'],
  ] as const)('%o → %s', (event, action) => {
    expect(keypadAction(event)).toBe(action);
  });

  it('ignores other keys', () => {
    expect(keypadAction({ key: 'a', code: 'KeyA' })).toBeNull();
    expect(keypadAction({ key: '5', code: 'Numpad5' })).toBeNull();
  });

  it('documents every action on screen', () => {
    expect(new Set(KEYPAD_LEGEND.map((l) => l.action))).toEqual(
      new Set(['callNext', 'recall', 'start', 'noShow', 'transfer', 'finish']),
    );
  });
});
