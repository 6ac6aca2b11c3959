import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password and PIN hashes in one format for the kiosk and the server, `scrypt$N$r$p$salt$hash`
 * (salt and hash in base64): a PIN set on the server is verified offline by the kiosk, and back.
 * Only where scrypt runs differs, so it is injected: the kiosk uses node:crypto directly, the
 * server its own worker thread (see server/auth/secret-hash.ts).
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export type ScryptFunction = (secret: string, salt: Buffer, keylen: number, params: ScryptParams) => Promise<Buffer>;

/** The parameters of new hashes; each hash carries its own, so they can be raised later. */
export const SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 16384, r: 8, p: 1 });
/**
 * Officer and technician PINs. Their hashes are copied to every kiosk and a PIN has only
 * 10^6 values, so each check must be slow: 128 MiB and about 0.3–0.5 s on one core of a kiosk PC
 * (one check per sign-in). A stolen kiosk then costs hours per PIN, on 2 cores (docs/security.md).
 */
export const PIN_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 131072, r: 8, p: 3 });
export const KEY_LENGTH = 32;

/**
 * The most a stored hash may ask for: a hash arrives from the server's configuration, and one
 * asking for gigabytes must be refused, not run.
 */
const MAX_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 1_048_576, r: 32, p: 16 });

/** scrypt's memory (128·N·r bytes) plus room, for Node's `maxmem` (32 MiB by default). */
export function scryptMaxmem(params: ScryptParams): number {
  return 128 * params.N * params.r + 16 * 1024 * 1024;
}
const SALT_LENGTH = 16;

export interface ParsedSecretHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

export function formatSecretHash(params: ScryptParams, salt: Buffer, hash: Buffer): string {
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

const POSITIVE_INTEGER = /^[1-9]\d{0,9}$/;

/** The parts of a stored hash, or null when it is not one of ours (another scheme, damaged). */
export function parseSecretHash(stored: string): ParsedSecretHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6) return null;
  const [scheme, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  if (scheme !== 'scrypt' || ![n, r, p].every((value) => POSITIVE_INTEGER.test(value)) || !salt || !hash) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (params.N > MAX_PARAMS.N || params.r > MAX_PARAMS.r || params.p > MAX_PARAMS.p) return null;
  const parsed = {
    params,
    salt: Buffer.from(salt, 'base64'),
    hash: Buffer.from(hash, 'base64'),
  };
  return parsed.salt.length > 0 && parsed.hash.length > 0 ? parsed : null;
}

/** scrypt on libuv's thread pool. */
export const nodeScrypt: ScryptFunction = (secret, salt, keylen, params) =>
  new Promise((resolve, reject) => {
    scrypt(secret, salt, keylen, { ...params, maxmem: scryptMaxmem(params) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

export interface SecretHasher {
  hashSecret: (secret: string) => Promise<string>;
  /** False for a wrong secret and for a stored value that is not a hash of ours. */
  verifySecret: (secret: string, stored: string) => Promise<boolean>;
}

/** `params`: what new hashes use (SCRYPT_PARAMS for passwords, PIN_SCRYPT_PARAMS for PINs). */
export function createSecretHasher(
  run: ScryptFunction = nodeScrypt,
  params: Readonly<ScryptParams> = SCRYPT_PARAMS,
): SecretHasher {
  return {
    async hashSecret(secret) {
      const salt = randomBytes(SALT_LENGTH);
      return formatSecretHash(params, salt, await run(secret, salt, KEY_LENGTH, params));
    },
    async verifySecret(secret, stored) {
      const parsed = parseSecretHash(stored);
      if (!parsed) return false;
      const actual = await run(secret, parsed.salt, parsed.hash.length, parsed.params);
      return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
    },
  };
}
