/**
 * Hashes of the demo PINs (DEMO_PIN 1234, DEMO_TECHNICIAN_PIN 9999), made once at the cheap
 * password-era cost. The demo PINs are printed in the README, so a costly hash would protect
 * nothing and only slow every demo start and sign-in; every PIN an admin or technician sets
 * is hashed at PIN_SCRYPT_PARAMS (shared/node/secret-hash.ts).
 */
export const DEMO_PIN_HASH = 'scrypt$16384$8$1$fksmc6hhmqlkYHE49ITKCA==$frxeWrT70IS+yXdp3DcQ36ZB7A/AA2ypX3nVvQUvs0w=';
export const DEMO_TECHNICIAN_PIN_HASH =
  'scrypt$16384$8$1$uI7UAWcCWGzWnmoSgeeQuA==$zxOlpDPC8zRq/QU8eB9LCwrUzrNwt1NvF52bcxd0iV0=';
