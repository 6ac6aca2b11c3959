import type { Db } from '../database.ts';

export interface RatingInsert {
  id: string;
  occurredAt: string;
  officerId: string;
  agencyId: string;
  counterId: string;
  ticketId: string | null;
  level: string;
  misuse: boolean;
}

/** What the rating of a ticket needs to know about it. */
export interface RatedTicket {
  number: string;
  status: string;
  officer_id: string | null;
  agency_id: string | null;
  finished_at: string | null;
}

/** The `ratings` table, and the tickets' "rated already" marks a new rating checks. */
export interface RatingsData {
  insert(rating: RatingInsert): void;
  /** The latest walk-up press at the counter up to `upTo` (a press "in the future" after a clock change is ignored). */
  lastWalkUpAt(counterId: string, upTo: string): string | null;
  /** Walk-up presses at the counter in (`since`, `upTo`]; occurred_at strings share one offset on a kiosk. */
  walkUpsBetween(counterId: string, since: string, upTo: string): number;
  ticketRated(ticketId: string): boolean;
  /** Rated from the phone (the server said so). */
  ticketRatedElsewhere(ticketId: string): boolean;
  ratedTicket(ticketId: string): RatedTicket | null;
  levelAndReasons(ratingId: string): { reasons: string | null; level: string } | null;
  setReasons(ratingId: string, reasonsJson: string): void;
}

export function prepareRatings(db: Db): RatingsData {
  const insert = db.prepare<[string, string, string, string, string, string | null, string, number]>(
    `INSERT INTO ratings (id, occurred_at, officer_id, agency_id, counter_id, ticket_id, level, misuse)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const lastWalkUp = db.prepare<[string, string], { occurred_at: string }>(
    `SELECT occurred_at FROM ratings WHERE counter_id = ? AND ticket_id IS NULL AND occurred_at <= ?
      ORDER BY occurred_at DESC LIMIT 1`,
  );
  const walkUpsBetween = db.prepare<[string, string, string], { n: number }>(
    `SELECT count(*) AS n FROM ratings WHERE counter_id = ? AND ticket_id IS NULL AND occurred_at > ? AND occurred_at <= ?`,
  );
  const rated = db.prepare<[string]>('SELECT 1 FROM ratings WHERE ticket_id = ?');
  const ratedElsewhere = db.prepare<[string]>('SELECT 1 FROM tickets_rated_elsewhere WHERE ticket_id = ?');
  const ratedTicket = db.prepare<[string], RatedTicket>(
    'SELECT number, status, officer_id, agency_id, finished_at FROM tickets WHERE id = ?',
  );
  const levelAndReasons = db.prepare<[string], { reasons: string | null; level: string }>(
    'SELECT reasons, level FROM ratings WHERE id = ?',
  );
  const setReasons = db.prepare<[string, string]>('UPDATE ratings SET reasons = ? WHERE id = ?');
  return {
    insert: (r) =>
      void insert.run(r.id, r.occurredAt, r.officerId, r.agencyId, r.counterId, r.ticketId, r.level, r.misuse ? 1 : 0),
    lastWalkUpAt: (counterId, upTo) => lastWalkUp.get(counterId, upTo)?.occurred_at ?? null,
    walkUpsBetween: (counterId, since, upTo) => walkUpsBetween.get(counterId, since, upTo)!.n,
    ticketRated: (ticketId) => rated.get(ticketId) !== undefined,
    ticketRatedElsewhere: (ticketId) => ratedElsewhere.get(ticketId) !== undefined,
    ratedTicket: (ticketId) => ratedTicket.get(ticketId) ?? null,
    levelAndReasons: (ratingId) => levelAndReasons.get(ratingId) ?? null,
    setReasons: (ratingId, reasonsJson) => void setReasons.run(reasonsJson, ratingId),
  };
}
