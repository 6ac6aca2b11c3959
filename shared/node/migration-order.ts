/**
 * The one migration-order rule of the kiosk and the server: every migration is named
 * `NNNN-description` and the numbers strictly increase down the list, so a misplaced file fails
 * loudly. The kiosk also stores its number as PRAGMA user_version, so its list must in addition
 * be contiguous from 1 (`contiguous`); the server's may have gaps (numbers are handed out to
 * branches before they merge).
 */
export function assertMigrationOrder(
  migrations: readonly { name: string; version?: number }[],
  options: { contiguous: boolean },
): void {
  let previous = 0;
  migrations.forEach((migration, index) => {
    const match = /^(\d{4})-[a-z0-9-]+$/.exec(migration.name);
    if (!match) throw new Error(`Migration ${migration.name} is not named NNNN-description`);
    const number = Number(match[1]);
    if (migration.version !== undefined && migration.version !== number) {
      throw new Error(`Migration ${migration.name} has version ${migration.version}, expected ${number}`);
    }
    if (options.contiguous && number !== index + 1) {
      throw new Error(`Migration ${migration.name} is out of order: expected ${String(index + 1).padStart(4, '0')}-…`);
    }
    if (number <= previous) {
      throw new Error(
        `Migration ${migration.name} is out of order: it must come after ${String(previous).padStart(4, '0')}`,
      );
    }
    previous = number;
  });
}
