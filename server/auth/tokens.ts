import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, URL-safe: session tokens and device tokens. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are random and long, so a plain SHA-256 is enough to store them safely. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An enrolment code a technician types: 12 characters in groups of four, no look-alikes. */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8, 12)].map((g) => g.join('')).join('-');
}

/** Case, spaces and dashes do not matter when typing the code. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
