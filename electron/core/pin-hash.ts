import { createSecretHasher, nodeScrypt } from '../../shared/node/secret-hash.ts';

/** PIN hashes at the kiosk: the shared format, scrypt straight from node:crypto. */
export const { hashSecret, verifySecret } = createSecretHasher(nodeScrypt);
