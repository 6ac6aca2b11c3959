import { m0001Initial } from './0001-initial.ts';
import type { Migration } from './migration.ts';

/** Every schema change, oldest first. Append only; never edit one that has shipped. */
export const KIOSK_MIGRATIONS: readonly Migration[] = [m0001Initial];
