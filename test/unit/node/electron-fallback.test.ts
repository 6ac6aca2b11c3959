import { describe, expect, it } from 'vitest';
import { electronFallbackLine, electronReason, findElectron } from '../../../cli/commands/start.ts';

describe('npm start without the Electron binary', () => {
  it('says in Vietnamese why and what runs instead, never the English "delete node_modules/electron"', () => {
    const english =
      'Electron failed to install correctly, please delete node_modules/electron and try installing again';
    const line = electronFallbackLine(electronReason(english));
    expect(line).not.toMatch(/delete|node_modules|install/i);
    expect(line).toContain('chưa được tải về');
    expect(line).toContain('kiosk chạy trong trình duyệt');
    expect(line).toBe(line.normalize('NFC'));
  });

  it('on this machine (no binary) reports a Vietnamese reason', () => {
    const found = findElectron();
    if ('error' in found) expect(found.error).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}/);
    else expect(found.path).toBeTruthy();
  });
});
