import { sql } from 'kysely';
import type { ServerMigration } from './migration.ts';

/** The centre an upgraded single-centre database becomes, unless its settings name a code. */
export const FIRST_CENTRE_CODE = 'TT01';
const FIRST_CENTRE_NAME = 'Trung tâm Phục vụ hành chính công tỉnh';

/** Tables whose rows belong to one centre; every existing row goes to centre #1. */
const CENTRE_OWNED = ['counters', 'officers', 'devices', 'enrollment_codes'] as const;

/**
 * Centres as first-class (issue 13 §1): one server holds a province's centres. A centre owns its
 * counters, officers (with a history of which centre they worked at, like agencies in 0006),
 * kiosks and enrolment codes; its own settings override the province's (`centre_settings`).
 * Accounts belong to the province: an admin or supervisor names a centre, a province admin none.
 *
 * An existing database becomes centre #1 with nothing lost: its name moves from the settings
 * into `centres`, every row above is given centre #1 (also the column's default), every officer an open history row there,
 * and the admins who managed everything before become province admins. Counter numbers were
 * unique in the whole database; now they are unique within a centre.
 */
export const m0020Centres: ServerMigration = {
  name: '0020-centres',
  async up(db, backend) {
    const centres = db.schema.createTable('centres');
    await (
      backend === 'postgres'
        ? centres.addColumn('id', 'serial', (c) => c.primaryKey())
        : centres.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    )
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    const setting = async (key: string) =>
      (await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${key}`.execute(db)).rows[0]?.value;
    const name = (await setting('centre.name')) ?? FIRST_CENTRE_NAME;
    const code = (await setting('centre.code')) ?? FIRST_CENTRE_CODE;
    await sql`INSERT INTO centres (id, code, name, created_at) VALUES (1, ${code}, ${name}, ${new Date().toISOString()})`.execute(
      db,
    );
    // PostgreSQL's sequence does not see an explicit id: start it after centre #1.
    if (backend === 'postgres') await sql`SELECT setval(pg_get_serial_sequence('centres', 'id'), 1)`.execute(db);
    await sql`DELETE FROM settings WHERE key IN ('centre.name', 'centre.code')`.execute(db);

    for (const table of CENTRE_OWNED) {
      // Default 1: a row written by a path that names no centre (an older CLI, an import) lands in the first.
      await db.schema
        .alterTable(table)
        .addColumn('centre_id', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex(`${table}_by_centre`).on(table).column('centre_id').execute();
    }
    await db.schema.alterTable('users').addColumn('centre_id', 'integer').execute();
    await sql`UPDATE users SET role = 'province_admin' WHERE role = 'admin'`.execute(db);
    await sql`UPDATE users SET centre_id = 1 WHERE role <> 'province_admin'`.execute(db);

    await db.schema
      .createTable('officer_centres')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addColumn('centre_id', 'integer', (c) => c.notNull())
      .addColumn('from_day', 'text')
      .addColumn('to_day', 'text')
      .execute();
    await db.schema
      .createIndex('officer_centres_by_officer')
      .on('officer_centres')
      .columns(['officer_id', 'from_day'])
      .execute();
    await sql
      .raw(
        `INSERT INTO officer_centres (id, officer_id, centre_id, from_day, to_day) SELECT id || '/c1', id, 1, NULL, NULL FROM officers`,
      )
      .execute(db);

    await db.schema
      .createTable('centre_settings')
      .addColumn('centre_id', 'integer', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('centre_settings_pk', ['centre_id', 'key'])
      .execute();

    // Counter numbers: unique per centre. SQLite cannot drop a column's UNIQUE: the table is
    // rebuilt (nothing references counters by foreign key).
    if (backend === 'postgres') {
      await sql`ALTER TABLE counters DROP CONSTRAINT IF EXISTS counters_number_key`.execute(db);
    } else {
      await db.schema
        .createTable('counters_new')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('centre_id', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await sql`INSERT INTO counters_new (id, number, name, centre_id) SELECT id, number, name, centre_id FROM counters`.execute(
        db,
      );
      await db.schema.dropTable('counters').execute();
      await db.schema.alterTable('counters_new').renameTo('counters').execute();
      await db.schema.createIndex('counters_by_centre').on('counters').column('centre_id').execute();
    }
    await db.schema
      .createIndex('counters_number_in_centre')
      .unique()
      .on('counters')
      .columns(['centre_id', 'number'])
      .execute();
  },
};
