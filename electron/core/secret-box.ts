/**
 * Where the kiosk keeps its device token. The core never imports Electron: the Electron shell
 * injects a box backed by the OS keychain (safeStorage, electron/main/safe-storage-box.ts); the
 * browser host has no keychain and keeps the token as plain text in the 0600 database file.
 */
export interface SecretBox {
  /** `os-keychain`: sealed with a key the OS keeps; `plain`: readable by anyone who reads the file. */
  readonly kind: 'os-keychain' | 'plain';
  /** The text to store for `secret`. */
  seal(secret: string): string;
  /** The secret back from stored text; plain text from before the box is returned as it is. */
  open(stored: string): string;
}

/** Stored text of a sealed secret starts with this, so a plain one from before is recognised. */
export const SEALED_PREFIX = 'sealed:v1:';

export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

/** The browser host's box: no keychain to use, said plainly by its kind. */
export const PLAIN_SECRET_BOX: SecretBox = {
  kind: 'plain',
  seal: (secret) => secret,
  open: (stored) => {
    if (isSealed(stored)) {
      throw new Error('Mã thiết bị được khóa bằng kho khóa của hệ điều hành; chỉ ứng dụng kiosk Electron mở được.');
    }
    return stored;
  },
};
