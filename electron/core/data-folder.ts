import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * The kiosk's data folder and database are readable by the kiosk's own account only: they hold
 * every rating and (outside the OS keychain) the device token. Existing ones from before are
 * tightened too. On Windows the modes mean little; the folder lives in the user's profile.
 */
export function prepareDataFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Creates the database file 0600 before SQLite does; SQLite gives its -wal and -shm the same mode. */
export function prepareDatabaseFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}
