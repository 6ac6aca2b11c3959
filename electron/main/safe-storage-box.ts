import type { SafeStorage } from 'electron';
import { SEALED_PREFIX, isSealed, type SecretBox } from '../core/secret-box.ts';

/**
 * The device token sealed by Electron's safeStorage (DPAPI on Windows, the Keychain on macOS,
 * the Secret Service / KWallet on Linux). Null where no real keychain is there: on Linux
 * without one safeStorage falls back to a hard-coded key (`basic_text`), which protects nothing,
 * so the caller keeps the plain box and says so. Call after the app is ready.
 */
export function safeStorageBox(safeStorage: SafeStorage, platform: NodeJS.Platform): SecretBox | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    kind: 'os-keychain',
    seal: (secret) => SEALED_PREFIX + safeStorage.encryptString(secret).toString('base64'),
    open: (stored) =>
      isSealed(stored) ? safeStorage.decryptString(Buffer.from(stored.slice(SEALED_PREFIX.length), 'base64')) : stored,
  };
}
