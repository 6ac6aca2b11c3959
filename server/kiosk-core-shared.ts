// The server shares the database-open error the CLI prints with the kiosk core (plain Node).
// The lint pattern `electron/*` is meant for the electron package, not this file.
// eslint-disable-next-line no-restricted-imports
export { DatabaseOpenError } from '../electron/core/database.ts';
