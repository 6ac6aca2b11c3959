import { m0001Initial } from './0001-initial.ts';
import type { ServerMigration } from './migration.ts';

/** Every schema change of the central server, oldest first. Append only. */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [m0001Initial];
