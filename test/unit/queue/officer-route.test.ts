import { describe, expect, it } from 'vitest';
import { isOfficerRoute } from '../../../renderer/src/officer/route.ts';

describe('officer console route', () => {
  it.each([
    [{ pathname: '/officer', hash: '' }, true],
    [{ pathname: '/officer/', hash: '' }, true],
    [{ pathname: '/index.html', hash: '#/officer' }, true],
    [{ pathname: '/', hash: '#officer' }, true],
    [{ pathname: '/', hash: '' }, false],
    [{ pathname: '/officers-list', hash: '' }, false],
    [{ pathname: '/', hash: '#/officer/extra' }, false],
  ])('%o → %s', (location, expected) => {
    expect(isOfficerRoute(location)).toBe(expected);
  });
});
