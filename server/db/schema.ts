import type { Generated } from 'kysely';

/**
 * The central database, the same on SQLite and PostgreSQL. Booleans are 0/1 integers and
 * instants are stored twice: the original ISO string and epoch milliseconds (bigint), so
 * range queries compare numbers on both engines.
 */
export interface ServerSchema {
  settings: { key: string; value: string };
  users: {
    id: string;
    username: string;
    password_hash: string;
    role: 'admin' | 'supervisor';
    disabled: number;
    created_at: string;
  };
  sessions: {
    token_hash: string;
    user_id: string;
    csrf_token: string;
    created_at: string;
    expires_ms: number;
  };
  enrollment_codes: {
    code_hash: string;
    created_by: string;
    created_at: string;
    expires_ms: number;
    used_at: string | null;
    device_id: string | null;
  };
  devices: {
    id: string;
    name: string;
    token_hash: string;
    created_at: string;
    revoked_at: string | null;
    last_sync_at: string | null;
    first_seq: number | null;
    last_seq: Generated<number>;
    event_count: Generated<number>;
    clock_offset_ms: number | null;
    app_version: string | null;
    config_version: number | null;
    printer_state: string | null;
    printer_message: string | null;
    pending_events: number | null;
    status_at: string | null;
    /** Events filed at a corrected time because the device clock was off (0010). */
    clock_corrected_events: Generated<number>;
    last_clock_correction_at: string | null;
  };
  agencies: { id: string; name: string; name_key: string; sort_order: number; active: number };
  officers: {
    id: string;
    full_name: string;
    name_key: string;
    agency_id: string;
    sort_order: number;
    active: number;
    active_from: string | null;
    active_to: string | null;
    pin_hash: string | null;
  };
  counters: { id: string; number: number; name: string };
  /** Never deleted: a level taken off the scale is inactive (0) and still accepted from kiosks. */
  rating_levels: { code: string; label: string; sort_order: number; low: number; active: Generated<number> };
  rating_reasons: { code: string; label: string; sort_order: number };
  events: {
    id: string;
    device_id: string;
    seq: number;
    type: string;
    /** As the device wrote it, offset included. */
    occurred_at: string;
    /** The same instant normalised to UTC (ISO-8601 with Z). */
    occurred_at_utc: string;
    /** The instant the event is filed at: the device's plus clock_correction_ms. */
    occurred_ms: number;
    received_at: string;
    body: string;
    /** Added to the device's instants to file the event (null: its clock was right); see sync/event-time.ts. */
    clock_correction_ms?: number | null;
  };
  ratings: {
    id: string;
    device_id: string;
    occurred_at: string;
    occurred_ms: number;
    /** Vietnam calendar day of the rating, YYYY-MM-DD. */
    day: string;
    officer_id: string;
    agency_id: string;
    counter_id: string | null;
    ticket_id: string | null;
    level: string;
    reasons: string | null;
    misuse: number;
    clock_correction_ms?: number | null;
  };
  rating_reason_events: { event_id: string; rating_id: string; reasons: string };
  /** Daily counts kept in the ingest transaction: Phụ lục 2 periods are whole Vietnam days. */
  rating_daily: {
    day: string;
    officer_id: string;
    agency_id: string;
    level: string;
    misuse: number;
    n: number;
  };
  duty_events: {
    event_id: string;
    device_id: string;
    kind: 'signed_in' | 'signed_out';
    officer_id: string;
    agency_id: string | null;
    counter_id: string;
    cause: string | null;
    occurred_at: string;
    occurred_ms: number;
  };
  /** Which agency an officer belonged to over which Vietnam days (both ends included; null = open). */
  officer_assignments: {
    id: string;
    officer_id: string;
    agency_id: string;
    from_day: string | null;
    to_day: string | null;
  };
  /** Kept by triggers (migration 0002): tickets served per Vietnam day, officer and agency. */
  console_ticket_daily: {
    day: string;
    officer_id: string;
    agency_id: string;
    n: number;
    wait_ms: number;
    service_ms: number;
  };
  /** Kept by triggers: non-misuse ratings on a served ticket, per day of the rating. */
  console_rating_ticket_daily: { day: string; officer_id: string; agency_id: string; n: number };
  /** Login attempts per key (account+address, address, account) in the current window. */
  login_throttle: { key: string; attempts: number; window_start_ms: number };
  tickets_served: {
    event_id: string;
    ticket_id: string;
    device_id: string;
    number: string;
    service_id: string;
    officer_id: string;
    agency_id: string;
    counter_id: string;
    issued_ms: number;
    called_ms: number;
    started_ms: number;
    finished_ms: number;
    finished_at: string;
    day: string;
  };
}
