import { describe, expect, it } from 'vitest';
import * as kiosk from '../../../electron/core/pin-hash.ts';
import * as server from '../../../server/auth/secret-hash.ts';

describe('server secret hashing', () => {
  it('writes the kiosk’s format: a PIN set on the server verifies at the kiosk, and back', async () => {
    const made = await server.hashSecret('8642');
    expect(made).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await kiosk.verifySecret('8642', made)).toBe(true);
    expect(await kiosk.verifySecret('8643', made)).toBe(false);
    const fromKiosk = await kiosk.hashSecret('mat-khau-quan-tri');
    expect(await server.verifySecret('mat-khau-quan-tri', fromKiosk)).toBe(true);
    expect(await server.verifySecret('mat-khau-khac', fromKiosk)).toBe(false);
    expect(await server.verifySecret('x', 'bcrypt$abc')).toBe(false);
    // The kiosk's hash is at the PIN cost: seconds on a loaded machine.
  }, 60_000);

  it('hashes several secrets at once, each with its own salt', async () => {
    const hashes = await Promise.all(['1', '2', '3', '4', '5'].map((pin) => server.hashSecret(pin)));
    expect(new Set(hashes).size).toBe(5);
    const checks = await Promise.all(hashes.map((hash, i) => server.verifySecret(String(i + 1), hash)));
    expect(checks).toEqual([true, true, true, true, true]);
  });
});
