import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as kiosk from '../../../electron/core/pin-hash.ts';
import * as server from '../../../server/auth/secret-hash.ts';
import { DEMO_PIN, DEMO_TECHNICIAN_PIN } from '../../../shared/domain/demo-config.ts';
import { DEMO_PIN_HASH, DEMO_TECHNICIAN_PIN_HASH } from '../../../shared/domain/demo-pin-hashes.ts';
import { PIN_SCRYPT_PARAMS, formatSecretHash, nodeScrypt, parseSecretHash } from '../../../shared/node/secret-hash.ts';

/** Each check at the PIN cost takes ~0.4 s idle and several seconds on a loaded CI machine. */
const SLOW = 120_000;

/** 128·N·r·p: the memory-time product one guess costs, whatever the hardware. */
const work = (p: { N: number; r: number; p: number }) => 128 * p.N * p.r * p.p;

describe('the cost of one offline PIN guess', () => {
  it(
    'PIN hashes made at the kiosk and on the server carry the expensive setting, 24× the old one',
    async () => {
      const made = [await kiosk.hashSecret('482913'), await server.hashPin('482913')];
      for (const hash of made) {
        expect(hash).toMatch(/^scrypt\$131072\$8\$3\$/);
        expect(parseSecretHash(hash)!.params).toEqual(PIN_SCRYPT_PARAMS);
        expect(await kiosk.verifySecret('482913', hash)).toBe(true);
      }
      expect(await kiosk.verifySecret('482914', made[1]!)).toBe(false);
      expect(work(PIN_SCRYPT_PARAMS) / work({ N: 16384, r: 8, p: 1 })).toBe(24);
      // 128 MiB per guess: too much memory for the thousands of parallel lanes of a GPU.
      expect(128 * PIN_SCRYPT_PARAMS.N * PIN_SCRYPT_PARAMS.r).toBe(128 * 1024 * 1024);
    },
    SLOW,
  );

  it(
    'keeps verifying hashes made before, whose parameters travel with them',
    async () => {
      const salt = randomBytes(16);
      const old = formatSecretHash(
        { N: 16384, r: 8, p: 1 },
        salt,
        await nodeScrypt('1234', salt, 32, { N: 16384, r: 8, p: 1 }),
      );
      expect(await kiosk.verifySecret('1234', old)).toBe(true);
      expect(await kiosk.verifySecret(DEMO_PIN, DEMO_PIN_HASH)).toBe(true);
      expect(await kiosk.verifySecret(DEMO_TECHNICIAN_PIN, DEMO_TECHNICIAN_PIN_HASH)).toBe(true);
    },
    SLOW,
  );

  it('refuses a stored hash that asks for absurd memory instead of running it', async () => {
    const salt = randomBytes(16).toString('base64');
    const hash = randomBytes(32).toString('base64');
    expect(parseSecretHash(`scrypt$1073741824$8$1$${salt}$${hash}`)).toBeNull();
    expect(parseSecretHash(`scrypt$131072$1024$1$${salt}$${hash}`)).toBeNull();
    expect(parseSecretHash(`scrypt$131072$8$1000$${salt}$${hash}`)).toBeNull();
    expect(await kiosk.verifySecret('1234', `scrypt$1073741824$8$1$${salt}$${hash}`)).toBe(false);
  });
});
