import { PIN_SCRYPT_PARAMS, createSecretHasher, nodeScrypt } from '../../shared/node/secret-hash.ts';

/** PIN hashes at the kiosk: the shared format at the PIN cost, scrypt straight from node:crypto. */
export const { hashSecret, verifySecret } = createSecretHasher(nodeScrypt, PIN_SCRYPT_PARAMS);
