import type { Kysely } from 'kysely';
import type { ServerMigration } from './migration.ts';

/**
 * Accounts, devices, configuration, the raw event store and the projections reports read.
 * Events and ratings never reference configuration by foreign key: a recorded rating can
 * never be removed by a configuration change.
 */
export const m0001Initial: ServerMigration = {
  name: '0001-initial',
  async up(db: Kysely<unknown>) {
    const s = db.schema;
    await s
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_ms', 'bigint', (c) => c.notNull())
      .execute();
    await s
      .createTable('enrollment_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_ms', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('device_id', 'text')
      .execute();
    await s
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('last_sync_at', 'text')
      .addColumn('first_seq', 'bigint')
      .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('event_count', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('clock_offset_ms', 'bigint')
      .addColumn('app_version', 'text')
      .addColumn('config_version', 'integer')
      .execute();
    await s
      .createTable('agencies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull().unique())
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await s
      .createTable('officers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('active_from', 'text')
      .addColumn('active_to', 'text')
      .addColumn('pin_hash', 'text')
      .execute();
    await s.createIndex('officers_by_name').on('officers').columns(['name_key', 'agency_id']).execute();
    await s
      .createTable('counters')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('number', 'integer', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('rating_levels')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .addColumn('low', 'integer', (c) => c.notNull())
      .execute();
    await s
      .createTable('rating_reasons')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('sort_order', 'integer', (c) => c.notNull())
      .execute();
    await s
      .createTable('events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('occurred_at_utc', 'text', (c) => c.notNull())
      .addColumn('occurred_ms', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('events_by_device').on('events').columns(['device_id', 'seq']).execute();
    await s
      .createTable('ratings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('occurred_ms', 'bigint', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('counter_id', 'text')
      .addColumn('ticket_id', 'text')
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('reasons', 'text')
      .addColumn('misuse', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await s.createIndex('ratings_by_time').on('ratings').column('occurred_ms').execute();
    await s.createIndex('ratings_by_ticket').on('ratings').column('ticket_id').execute();
    await s
      .createTable('rating_reason_events')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('rating_id', 'text', (c) => c.notNull())
      .addColumn('reasons', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('rating_reason_events_by_rating').on('rating_reason_events').column('rating_id').execute();
    await s
      .createTable('rating_daily')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('misuse', 'integer', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('rating_daily_pk', ['day', 'officer_id', 'agency_id', 'level', 'misuse'])
      .execute();
    await s
      .createTable('duty_events')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text')
      .addColumn('counter_id', 'text', (c) => c.notNull())
      .addColumn('cause', 'text')
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('occurred_ms', 'bigint', (c) => c.notNull())
      .execute();
    await s.createIndex('duty_events_by_officer').on('duty_events').columns(['officer_id', 'occurred_ms']).execute();
    await s
      .createTable('tickets_served')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('service_id', 'text', (c) => c.notNull())
      .addColumn('officer_id', 'text', (c) => c.notNull())
      .addColumn('agency_id', 'text', (c) => c.notNull())
      .addColumn('counter_id', 'text', (c) => c.notNull())
      .addColumn('issued_ms', 'bigint', (c) => c.notNull())
      .addColumn('called_ms', 'bigint', (c) => c.notNull())
      .addColumn('started_ms', 'bigint', (c) => c.notNull())
      .addColumn('finished_ms', 'bigint', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('tickets_served_by_time').on('tickets_served').column('finished_ms').execute();
    await s.createIndex('tickets_served_by_ticket').on('tickets_served').column('ticket_id').execute();
  },
};
