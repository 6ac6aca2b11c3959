import { v7 as uuidv7 } from 'uuid';
import { seeded } from '../../shared/domain/seeded-random.ts';

/**
 * Kiosk events as several counter kiosks of a real centre send them over a few days: tickets
 * issued, called, started and finished (most then rated), walk-up ratings, presses flagged as
 * misuse, officers who move to another agency halfway, and events a server must refuse (unknown
 * officer, a level outside the scale, a second rating of a rated ticket). Deterministic per seed.
 */
export interface CentreDayOptions {
  seed: number;
  /** Kiosks; each has its own counter and its own sequence numbers. */
  kiosks: number;
  officers: { id: string; agencyId: string; movesTo?: string }[];
  /** The instants events fall in; a moved officer serves their new agency from the middle on. */
  from: Date;
  to: Date;
  /** When the moved officers switch agency, if not the middle (e.g. a Vietnam day's start, as history records moves by day). */
  moveAt?: Date;
  tickets: number;
  walkUps: number;
}

export type KioskEventOut = Record<string, unknown> & { id: string; seq: number; type: string; occurredAt: string };

export interface ExpectedRating {
  officerId: string;
  agencyId: string;
  level: string;
  misuse: boolean;
}

export interface CentreDay {
  /** Per kiosk, every event it recorded, in the order it recorded them. */
  byKiosk: KioskEventOut[][];
  /** Refused by any server, whenever sent: unknown officer, unknown level. */
  invalid: KioskEventOut[][];
  /** A second rating of an already rated ticket: refused when sent after the first. Per kiosk. */
  secondRatings: KioskEventOut[][];
  /** The ratings a server must count, each once. */
  expected: ExpectedRating[];
}

const LEVELS = ['tot', 'tot', 'tot', 'tot', 'kha', 'kha', 'trung_binh', 'kem'];

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** A UUIDv7 whose time part is the event's own instant (as the kiosk mints it). */
const idAt = (ms: number) => uuidv7({ msecs: ms });

export function centreDay(options: CentreDayOptions): CentreDay {
  const random = seeded(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const span = options.to.getTime() - options.from.getTime();
  const middle = options.moveAt?.getTime() ?? options.from.getTime() + span / 2;
  const seqs = Array.from({ length: options.kiosks }, () => 0);
  const byKiosk: KioskEventOut[][] = Array.from({ length: options.kiosks }, () => []);
  const invalid: KioskEventOut[][] = Array.from({ length: options.kiosks }, () => []);
  const secondRatings: KioskEventOut[][] = Array.from({ length: options.kiosks }, () => []);
  const expected: ExpectedRating[] = [];
  const event = (kiosk: number, type: string, ms: number, fields: Record<string, unknown>): KioskEventOut => {
    seqs[kiosk]! += 1;
    return { id: idAt(ms), seq: seqs[kiosk]!, type, occurredAt: new Date(ms).toISOString(), ...fields };
  };
  const agencyAt = (officer: CentreDayOptions['officers'][number], ms: number) =>
    officer.movesTo !== undefined && ms >= middle ? officer.movesTo : officer.agencyId;
  const counter = (kiosk: number) => `q-${kiosk + 1}`;

  for (let i = 0; i < options.tickets; i += 1) {
    const kiosk = Math.floor(random() * options.kiosks);
    const officer = pick(options.officers);
    // Served within the window, ending at least 15 minutes before its end.
    const issued = options.from.getTime() + Math.floor(random() * (span - 900_000));
    const called = issued + Math.floor(random() * 300_000);
    const started = called + 20_000;
    const finished = started + 60_000 + Math.floor(random() * 300_000);
    const agencyId = agencyAt(officer, finished);
    const ticketId = idAt(issued);
    const number = String(1001 + (i % 8000));
    const at = { counterId: counter(kiosk), officerId: officer.id, agencyId };
    byKiosk[kiosk]!.push(
      event(kiosk, 'ticket.issued', issued, { ticketId, number, serviceId: 'dv-chung', counterId: counter(kiosk) }),
      event(kiosk, 'ticket.called', called, { ticketId, ...at }),
      event(kiosk, 'ticket.started', started, { ticketId, ...at }),
      event(kiosk, 'ticket.finished', finished, {
        ticketId,
        number,
        serviceId: 'dv-chung',
        ...at,
        issuedAt: new Date(issued).toISOString(),
        calledAt: new Date(called).toISOString(),
        startedAt: new Date(started).toISOString(),
      }),
    );
    if (random() < 0.6) {
      const level = pick(LEVELS);
      const misuse = random() < 0.03;
      const rated = finished + 5_000;
      byKiosk[kiosk]!.push(
        event(kiosk, 'rating.submitted', rated, { ...at, ticketId, level, ...(misuse ? { misuse: true } : {}) }),
      );
      expected.push({ officerId: officer.id, agencyId, level, misuse });
      // Someone taps again on the same ticket: the kiosk would not send it, a forged device might.
      if (random() < 0.02) {
        secondRatings[kiosk]!.push(event(kiosk, 'rating.submitted', rated + 1_000, { ...at, ticketId, level: 'kem' }));
      }
    }
  }
  for (let i = 0; i < options.walkUps; i += 1) {
    const kiosk = Math.floor(random() * options.kiosks);
    const officer = pick(options.officers);
    const ms = options.from.getTime() + Math.floor(random() * span);
    const agencyId = agencyAt(officer, ms);
    const level = pick(LEVELS);
    // Presses in a burst are flagged by the kiosk and kept; reports leave them out.
    const misuse = random() < 0.1;
    byKiosk[kiosk]!.push(
      event(kiosk, 'rating.submitted', ms, {
        officerId: officer.id,
        agencyId,
        counterId: counter(kiosk),
        level,
        ...(misuse ? { misuse: true } : {}),
      }),
    );
    expected.push({ officerId: officer.id, agencyId, level, misuse });
    if (random() < 0.05) {
      const bad =
        random() < 0.5
          ? { officerId: 'cb-khong-ton-tai', agencyId, counterId: counter(kiosk), level }
          : { officerId: officer.id, agencyId, counterId: counter(kiosk), level: 'xuat_sac' };
      invalid[kiosk]!.push(event(kiosk, 'rating.submitted', ms + 1, bad));
    }
  }
  return { byKiosk, invalid, secondRatings, expected };
}
