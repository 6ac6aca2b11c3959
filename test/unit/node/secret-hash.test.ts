import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createScryptWorker, type ScryptWorker } from '../../../server/auth/secret-hash.ts';
import {
  KEY_LENGTH,
  SCRYPT_PARAMS,
  createSecretHasher,
  formatSecretHash,
  nodeScrypt,
  parseSecretHash,
  type ScryptFunction,
} from '../../../shared/node/secret-hash.ts';

describe('the shared secret hash format', () => {
  it('writes scrypt$N$r$p$salt$hash and reads it back', () => {
    const salt = Buffer.from('salt-salt-salt-1');
    const hash = Buffer.from('h'.repeat(32));
    const text = formatSecretHash(SCRYPT_PARAMS, salt, hash);
    expect(text).toBe(`scrypt$16384$8$1$${salt.toString('base64')}$${hash.toString('base64')}`);
    expect(parseSecretHash(text)).toEqual({ params: { N: 16384, r: 8, p: 1 }, salt, hash });
  });

  it('rejects what is not one of its hashes', () => {
    for (const stored of [
      '',
      'plain$1234',
      'bcrypt$16384$8$1$c2FsdA==$aGFzaA==',
      'scrypt$16384$8$1$c2FsdA==',
      'scrypt$16384$8$1$c2FsdA==$aGFzaA==$extra',
      'scrypt$abc$8$1$c2FsdA==$aGFzaA==',
      'scrypt$-1$8$1$c2FsdA==$aGFzaA==',
      'scrypt$16384$0$1$c2FsdA==$aGFzaA==',
      'scrypt$16384$8$1$$aGFzaA==',
      'scrypt$16384$8$1$c2FsdA==$',
    ]) {
      expect(parseSecretHash(stored), stored).toBeNull();
    }
  });

  it('runs through the injected scrypt, with the parameters stored in the hash', async () => {
    const calls: Array<{ keylen: number; N: number }> = [];
    const recording: ScryptFunction = (secret, salt, keylen, params) => {
      calls.push({ keylen, N: params.N });
      return nodeScrypt(secret, salt, keylen, params);
    };
    const hasher = createSecretHasher(recording);
    const made = await hasher.hashSecret('1234');
    expect(await hasher.verifySecret('1234', made)).toBe(true);
    // An older hash with cheaper parameters still verifies: the parameters travel with it.
    const salt = randomBytes(16);
    const old = formatSecretHash(
      { N: 1024, r: 8, p: 1 },
      salt,
      await nodeScrypt('1234', salt, 24, { N: 1024, r: 8, p: 1 }),
    );
    expect(await hasher.verifySecret('1234', old)).toBe(true);
    expect(await hasher.verifySecret('4321', old)).toBe(false);
    expect(calls).toEqual([
      { keylen: KEY_LENGTH, N: 16384 },
      { keylen: KEY_LENGTH, N: 16384 },
      { keylen: 24, N: 1024 },
      { keylen: 24, N: 1024 },
    ]);
  });
});

describe('the server’s scrypt worker thread', () => {
  let pool: ScryptWorker | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('rejects the logins in flight when the thread dies, and starts a new thread for the next', async () => {
    pool = createScryptWorker();
    const hasher = createSecretHasher(pool.run);
    const stored = await hasher.hashSecret('mat-khau');
    const inFlight = [hasher.verifySecret('mat-khau', stored), hasher.hashSecret('khac')];
    await pool.terminate();
    for (const outcome of await Promise.allSettled(inFlight)) {
      expect(outcome.status).toBe('rejected');
      if (outcome.status === 'rejected') expect(String(outcome.reason)).toContain('Luồng tính mã băm mật khẩu đã dừng');
    }
    // The next login gets a fresh thread instead of hanging.
    expect(await hasher.verifySecret('mat-khau', stored)).toBe(true);
    expect(await hasher.verifySecret('sai', stored)).toBe(false);
  });
});
