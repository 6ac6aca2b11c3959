import { describe, expect, it } from 'vitest';
import { KioskEventSchema } from '../../../shared/domain/events.ts';

const rating = {
  id: '019acb8e-8d2a-7c3e-9f10-2b3c4d5e6f70',
  seq: 1,
  type: 'rating.submitted',
  occurredAt: '2026-11-28T09:05:03.120+07:00',
  officerId: 'cb-001',
  agencyId: 'ag-11',
  counterId: 'q-1',
  level: 'tot',
};

describe('KioskEventSchema', () => {
  it('accepts a rating event, with and without the optional fields', () => {
    expect(KioskEventSchema.safeParse(rating).success).toBe(true);
    expect(
      KioskEventSchema.safeParse({ ...rating, ticketId: 't-20261128-001', reasons: ['cho_lau'], misuse: true }).success,
    ).toBe(true);
  });

  it('refuses an id that is not a UUIDv7', () => {
    // A v4 UUID: right shape, wrong version.
    expect(KioskEventSchema.safeParse({ ...rating, id: '9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e' }).success).toBe(false);
    expect(KioskEventSchema.safeParse({ ...rating, id: 'not-an-id' }).success).toBe(false);
  });

  it('refuses a time without its offset', () => {
    expect(KioskEventSchema.safeParse({ ...rating, occurredAt: '2026-11-28T09:05:03.120' }).success).toBe(false);
    expect(KioskEventSchema.safeParse({ ...rating, occurredAt: '28/11/2026 09:05' }).success).toBe(false);
    expect(KioskEventSchema.safeParse({ ...rating, occurredAt: '2026-13-45T09:05:03+07:00' }).success).toBe(false);
  });

  it('refuses an unknown type and a missing field; strips a field it does not know (a newer kiosk)', () => {
    expect(KioskEventSchema.safeParse({ ...rating, type: 'rating.deleted' }).success).toBe(false);
    const withoutOfficer: Partial<typeof rating> = { ...rating };
    delete withoutOfficer.officerId;
    expect(KioskEventSchema.safeParse(withoutOfficer).success).toBe(false);
    const newer = KioskEventSchema.safeParse({ ...rating, extra: 1 });
    expect(newer.success).toBe(true);
    // Tolerant, not trusting: the unknown field is gone from what gets stored.
    expect(newer.data).not.toHaveProperty('extra');
    expect(KioskEventSchema.safeParse({ ...rating, seq: 0 }).success).toBe(false);
  });

  it('accepts sign-out only with a known cause', () => {
    const signOut = {
      id: '019acb8e-8d2a-7c3e-9f10-2b3c4d5e6f71',
      seq: 2,
      type: 'officer.signed_out',
      occurredAt: '2026-11-28T09:05:03Z',
      officerId: 'cb-001',
      counterId: 'q-1',
      cause: 'replaced',
    };
    expect(KioskEventSchema.safeParse(signOut).success).toBe(true);
    expect(KioskEventSchema.safeParse({ ...signOut, cause: 'fired' }).success).toBe(false);
  });
});
