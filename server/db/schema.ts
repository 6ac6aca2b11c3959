import type { Generated } from 'kysely';
import type { Role } from '../../shared/contract/server-api.ts';

/**
 * The central database, the same on SQLite and PostgreSQL. Booleans are 0/1 integers and
 * instants are stored twice: the original ISO string and epoch milliseconds (bigint), so
 * range queries compare numbers on both engines.
 */
export interface ServerSchema {
  settings: { key: string; value: string };
  report_notes: {
    officer_id: string;
    agency_id: string;
    from_day: string;
    to_day: string;
    note: string;
    updated_by: string;
    updated_at: string;
  };
  users: {
    id: string;
    username: string;
    password_hash: string;
    role: Role;
    disabled: number;
    created_at: string;
    /** Migration 0020: the centre an admin or supervisor works for; null for a province admin. */
    centre_id: number | null;
    /** Migration 0022: 1 until the person replaces a password someone else chose (admin or reset). */
    must_change_password: Generated<number>;
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
    /** Migration 0020: the centre the enrolled kiosk joins (default: #1). */
    centre_id: Generated<number>;
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
    /** 'full' while the kiosk's disk was full at its last sync; null otherwise. */
    storage_state: string | null;
    /** Migration 0008: what the console assigned; null until it does. */
    role: 'counter' | 'entrance' | null;
    counter_id: string | null;
    printer_url: string | null;
    printer_paper_width: number | null;
    /** Migration 0023: the rating prompt's voice invitation as the console set it (1/0); null: the kiosk's own. */
    rating_voice: number | null;
    /** The last sync the server refused (unknown protocol), in Vietnamese, and when. */
    sync_refusal: string | null;
    sync_refusal_at: string | null;
    /** Events filed at a corrected time because the device clock was off (0010). */
    clock_corrected_events: Generated<number>;
    last_clock_correction_at: string | null;
    /** Migration 0020: the centre whose configuration and officers the kiosk receives (default: #1). */
    centre_id: Generated<number>;
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
    /** Migration 0020: the centre the officer works at now (history in officer_centres; default #1). */
    centre_id: Generated<number>;
    /** Migration 0021: the officer code (mã cán bộ); unique when set. */
    code?: string | null;
    /** Migration 0022: `data:image/…;base64,…` shown on the kiosk's idle screen, or null. */
    photo: string | null;
  };
  /** Counter numbers are unique within a centre (migration 0020). */
  counters: { id: string; number: number; name: string; centre_id: Generated<number> };
  /** Migration 0020: the province's centres; #1 is the one an upgraded database held. */
  centres: { id: Generated<number>; code: string; name: string; created_at: string };
  /** Which centre an officer worked at over which Vietnam days (both ends included; null = open). */
  officer_centres: {
    id: string;
    officer_id: string;
    centre_id: number;
    from_day: string | null;
    to_day: string | null;
  };
  /** A centre's own value of a setting; absent: the province's (the `settings` row). */
  centre_settings: { centre_id: number; key: string; value: string };
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
    /** The dossier code (mã hồ sơ) of the rated ticket; unique when set (migration 0015). */
    dossier_code?: string | null;
    clock_correction_ms?: number | null;
    /** 'kiosk' or 'phone' (issue 11 §3); kiosk by default. */
    channel?: string;
  };
  /** Migration 0021: events whose (officer, agency) did not match the assignment history (issue 9 item 8). */
  attribution_mismatches: {
    event_id: string;
    device_id: string;
    event_type: string;
    officer_id: string;
    day: string;
    /** The agency the kiosk sent. */
    sent_agency_id: string;
    /** The agency the event was filed under (the history's). */
    filed_agency_id: string;
    kind: 'other_agency' | 'not_assigned';
    received_at: string;
  };
  rating_reason_events: { event_id: string; rating_id: string; reasons: string };
  /** Kept by the ingest (server/aggregates/keep.ts): Phụ lục 2 periods are whole Vietnam days. */
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
  /** Migration 0019: the agencies a counter serves; their officers may sign in at its kiosk. */
  counter_agencies: { counter_id: string; agency_id: string };
  /** Migration 0019: officers assigned to a counter by name, whatever their agency. */
  counter_officers: { counter_id: string; officer_id: string };
  /** Which agency an officer belonged to over which Vietnam days (both ends included; null = open). */
  officer_assignments: {
    id: string;
    officer_id: string;
    agency_id: string;
    from_day: string | null;
    to_day: string | null;
  };
  /** Kept by the ingest (server/aggregates/keep.ts): tickets served per Vietnam day, officer and agency. */
  /** Migration 0023, kept by the ingest: per counter and Vietnam day, tickets served and ratings (misuse left out). */
  counter_daily: { day: string; counter_id: string; served: number; rated: number };
  /** Migration 0023, kept by the queue projection: tickets issued (not by a transfer); pinned_counter_id '' when none. */
  issued_daily: { day: string; centre_id: number; service_id: string; pinned_counter_id: string; n: number };
  console_ticket_daily: {
    day: string;
    officer_id: string;
    agency_id: string;
    n: number;
    wait_ms: number;
    service_ms: number;
  };
  /** Kept by the ingest: non-misuse ratings on a served ticket, per day of the rating. */
  console_rating_ticket_daily: { day: string; officer_id: string; agency_id: string; n: number };
  /** Login attempts per key (account+address, address, account) in the current window. */
  login_throttle: { key: string; attempts: number; window_start_ms: number };
  /** Migration 0023: the phone page's request counters per address and token, shared by every server process. */
  phone_throttle: { key: string; hits: number; window_start_ms: number; window_ms: number };
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
    dossier_code?: string | null;
  };
  /** Per finished ticket: its rating prompt shown, and how it ended when not rated (migration 0015). */
  rating_prompts: {
    ticket_id: string;
    device_id: string;
    counter_id: string;
    prompted_event_id: string | null;
    prompted_ms: number | null;
    outcome: 'declined' | 'timed_out' | 'not_shown' | null;
    reason: 'screen_busy' | 'no_screen' | 'citizen_absent' | null;
    outcome_event_id: string | null;
    outcome_ms: number | null;
  };
  /** Live alerts and their acknowledgements (migration 0012). */
  live_alerts: {
    id: string;
    kind: 'counter_low_ratings' | 'officer_low_coverage';
    dedupe_key: string;
    day: string;
    counter_id: string | null;
    officer_id: string | null;
    agency_id: string | null;
    total: number;
    count: number;
    raised_at: string;
    raised_ms: number;
    acknowledged_at: string | null;
    acknowledged_by: string | null;
    comment: string | null;
    /** Migration 0027: the centre of the kiosk whose sync raised it. */
    centre_id: Generated<number>;
  };
  queue_tickets: {
    /** Migration 0024: the centre of the device whose events made the row. */
    centre_id: number;
    ticket_id: string;
    day: string;
    service_id: string;
    number: string;
    day_index: number | null;
    priority: string | null;
    pinned_counter_id: string | null;
    counter_id: string | null;
    status: string;
    issued_at: string;
    issued_ms: number;
    called_at: string | null;
    called_ms: number | null;
    officer_id: string | null;
    started_at: string | null;
    finished_at: string | null;
    transferred_from: string | null;
    transferred_to: string | null;
    issuing_device: string;
    updated_ms: number;
    /** The phone-rating token the kiosk minted (issue 11 §3); null for older kiosks. */
    rating_token: string | null;
  };
  queue_feed: {
    /** Migration 0024: the centre of the device whose events made the row. */
    centre_id: number;
    seq: Generated<number>;
    ticket_id: string;
    day: string;
    service_id: string;
    pinned_counter_id: string | null;
    counter_id: string | null;
    device_id: string;
    body: string;
  };
  number_leases: {
    /** Migration 0024: the centre of the device whose events made the row. */
    centre_id: number;
    service_id: string;
    day: string;
    first_index: number;
    count: number;
    device_id: string;
    granted_at: string;
  };
  queue_claims: { ticket_id: string; counter_id: string; device_id: string; expires_ms: number };
  /** Every call and recall, written at ingest (migration 0015): what the board and Today read. */
  queue_calls: {
    /** Migration 0024: the centre of the device whose events made the row. */
    centre_id: number;
    event_id: string;
    day: string;
    ticket_id: string;
    counter_id: string;
    device_id: string;
    kind: 'called' | 'recalled';
    called_at: string;
    called_ms: number;
  };
}
