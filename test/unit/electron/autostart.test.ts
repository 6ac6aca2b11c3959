import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_FILE_NAME, ensureAutostart } from '../../../electron/main/autostart.ts';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'hailong-home-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function options(platform: NodeJS.Platform, execPath = '/opt/hailong/hailong') {
  return {
    platform,
    homeDir: home,
    execPath,
    markerFile: join(home, 'userData', 'autostart-configured'),
    setLoginItem: vi.fn(),
  };
}

describe('start at login', () => {
  it('on Linux, writes an XDG autostart entry into ~/.config/autostart', () => {
    const opts = options('linux');
    expect(ensureAutostart(opts)).toBe('configured');
    const file = join(home, '.config', 'autostart', DESKTOP_FILE_NAME);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\[Desktop Entry\]\n/);
    expect(text).toContain('\nType=Application\n');
    expect(text).toContain('\nExec=/opt/hailong/hailong\n');
    expect(text).toContain('Comment=Kiosk lấy số thứ tự và đánh giá mức độ hài lòng');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    expect(opts.setLoginItem).not.toHaveBeenCalled();
  });

  it('honours XDG_CONFIG_HOME and quotes a path with spaces', () => {
    const opts = { ...options('linux', '/home/kiosk/Tải về/hailong 1.0.AppImage'), xdgConfigHome: join(home, 'cfg') };
    ensureAutostart(opts);
    const text = readFileSync(join(home, 'cfg', 'autostart', DESKTOP_FILE_NAME), 'utf8');
    expect(text).toContain('\nExec="/home/kiosk/Tải về/hailong 1.0.AppImage"\n');
  });

  it.each(['win32', 'darwin'] as const)('on %s, sets the login item', (platform) => {
    const opts = options(platform);
    expect(ensureAutostart(opts)).toBe('configured');
    expect(opts.setLoginItem).toHaveBeenCalledWith(true);
    expect(existsSync(join(home, '.config', 'autostart'))).toBe(false);
  });

  it('runs only once, so a technician who removed it is not overridden', () => {
    const opts = options('linux');
    ensureAutostart(opts);
    const file = join(home, '.config', 'autostart', DESKTOP_FILE_NAME);
    rmSync(file);
    expect(ensureAutostart(opts)).toBe('already-configured');
    expect(existsSync(file)).toBe(false);
  });

  it('does not overwrite anything on an unknown platform', () => {
    const opts = options('aix');
    writeFileSync(join(home, 'keep'), 'x');
    expect(ensureAutostart(opts)).toBe('unsupported');
    expect(existsSync(opts.markerFile)).toBe(false);
  });
});
