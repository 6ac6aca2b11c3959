import ExcelJS from 'exceljs';
import type { AddressInfo } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../../shared/domain/coverage-report.ts';
import type { DossierRatingRow } from '../../../shared/domain/dossier-ratings.ts';
import type { FunnelRow } from '../../../shared/domain/rating-funnel.ts';
import {
  BACKENDS,
  addOfficer,
  auth,
  enrollDevice,
  startTestServer,
  type SyncBody,
  type TestServer,
} from './support.ts';

const DAY = '2026-11-24';
let seq = 0;
const at = (minute: number) => {
  const h = 8 + Math.floor(minute / 60);
  return `${DAY}T${String(h).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000+07:00`;
};
const ev = (type: string, minute: number, fields: Record<string, unknown>) => {
  seq += 1;
  return { id: uuidv7(), seq, type, occurredAt: at(minute), ...fields };
};

type Outcome = 'rated' | 'declined' | 'timed_out' | 'screen_busy' | 'no_screen' | 'citizen_absent';

/** One ticket's events as a counter kiosk records them: finished, then the prompt and its outcome. */
function ticketDay(
  officer: { id: string; agencyId: string; counterId: string },
  minute: number,
  outcome: Outcome,
  dossierCode?: string,
) {
  const ticketId = uuidv7();
  const who = { counterId: officer.counterId, officerId: officer.id, agencyId: officer.agencyId };
  const finished = ev('ticket.finished', minute, {
    ticketId,
    number: String(1000 + minute),
    serviceId: 'svc-1',
    ...who,
    issuedAt: at(minute - 5),
    calledAt: at(minute - 3),
    startedAt: at(minute - 2),
    ...(dossierCode !== undefined && { dossierCode }),
  });
  const after: Record<string, unknown>[] = [];
  if (['screen_busy', 'no_screen', 'citizen_absent'].includes(outcome)) {
    after.push(
      ev('rating.prompt_outcome', minute, {
        ticketId,
        counterId: officer.counterId,
        outcome: 'not_shown',
        reason: outcome,
      }),
    );
  } else {
    after.push(ev('rating.prompted', minute, { ticketId, ...who }));
    if (outcome === 'rated') {
      after.push(
        ev('rating.submitted', minute + 1, {
          ...who,
          ticketId,
          level: 'tot',
          ...(dossierCode !== undefined && { dossierCode }),
        }),
      );
    } else {
      after.push(ev('rating.prompt_outcome', minute + 1, { ticketId, counterId: officer.counterId, outcome }));
    }
  }
  return { ticketId, finished, after };
}

describe.each(BACKENDS)('the rating prompt funnel on %s', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('counts a scripted day (every outcome) sent by two kiosks over HTTP, highlights the real outlier, and keeps one rating per dossier', async () => {
    server = await startTestServer(backend);
    const { app, admin } = server;
    // Provisioned without demo data.
    const an = {
      id: await addOfficer(app, admin, { fullName: 'Nguyễn Văn An', agencyId: 'ag-11' }),
      agencyId: 'ag-11',
      counterId: 'q1',
    };
    const binh = {
      id: await addOfficer(app, admin, { fullName: 'Trần Thị Bình', agencyId: 'ag-02' }),
      agencyId: 'ag-02',
      counterId: 'q2',
    };
    const kiosk1 = await enrollDevice(app, admin, 'Kiosk quầy 1');
    const kiosk2 = await enrollDevice(app, admin, 'Kiosk quầy 2');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${String((app.server.address() as AddressInfo).port)}`;
    const post = async (token: string, events: unknown[]) => {
      const res = await fetch(`${base}/api/v1/sync`, {
        method: 'POST',
        headers: { ...auth(token), 'content-type': 'application/json' },
        body: JSON.stringify({ deviceTime: new Date().toISOString(), events }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as SyncBody;
    };

    // An: 14 served, 12 prompted, 10 rated; one each declined, timed out, screen busy, no screen.
    const anScript: Outcome[] = [
      ...Array<Outcome>(10).fill('rated'),
      'declined',
      'timed_out',
      'screen_busy',
      'no_screen',
    ];
    // Bình: 12 served, 4 prompted, 1 rated; 1 declined, 2 timed out, 8 finished without the citizen.
    const binhScript: Outcome[] = [
      'rated',
      'declined',
      'timed_out',
      'timed_out',
      ...Array<Outcome>(8).fill('citizen_absent'),
    ];
    const anDay = anScript.map((o, i) => ticketDay(an, 10 + i * 12, o, i === 0 ? 'HS-2026-000123' : undefined));
    const binhDay = binhScript.map((o, i) => ticketDay(binh, 15 + i * 12, o));

    // Kiosk 1 syncs finishes and outcomes together; kiosk 2 was offline and sends finishes first, then the rest.
    let body = await post(
      kiosk1.token,
      anDay.flatMap((t) => [t.finished, ...t.after]),
    );
    expect(body.rejected).toEqual([]);
    body = await post(
      kiosk2.token,
      binhDay.map((t) => t.finished),
    );
    expect(body.rejected).toEqual([]);
    body = await post(
      kiosk2.token,
      binhDay.flatMap((t) => t.after),
    );
    expect(body.rejected).toEqual([]);

    // What a token holder might forge: each is refused with a reason and changes nothing.
    const declinedTicket = anDay[10]!.ticketId;
    const forged = [
      // A second outcome for a ticket that already has one.
      ev('rating.prompt_outcome', 400, { ticketId: declinedTicket, counterId: 'q1', outcome: 'timed_out' }),
      // An outcome for a ticket never finished.
      ev('rating.prompt_outcome', 400, {
        ticketId: uuidv7(),
        counterId: 'q1',
        outcome: 'not_shown',
        reason: 'screen_busy',
      }),
      // A prompt at another counter than the one that finished the ticket.
      ev('rating.prompted', 400, {
        ticketId: binhDay[5]!.ticketId,
        counterId: 'q1',
        officerId: an.id,
        agencyId: 'ag-11',
      }),
      // Declined without having been prompted.
      ev('rating.prompt_outcome', 400, { ticketId: binhDay[6]!.ticketId, counterId: 'q2', outcome: 'declined' }),
      // An outcome after the ticket was rated.
      ev('rating.prompt_outcome', 400, { ticketId: anDay[1]!.ticketId, counterId: 'q1', outcome: 'declined' }),
      // A second rating for the same dossier (another ticket).
      ev('rating.submitted', 400, {
        counterId: 'q2',
        officerId: binh.id,
        agencyId: 'ag-02',
        level: 'kem',
        dossierCode: 'HS-2026-000123',
      }),
    ];
    body = await post(kiosk2.token, forged);
    expect(body.accepted).toEqual([]);
    expect(body.rejected.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(body.rejected[5]!.reason).toContain('mỗi hồ sơ chỉ được đánh giá một lần');

    const res = await fetch(`${base}/api/v1/reports/coverage?from=${DAY}&to=${DAY}`, { headers: auth(admin) });
    const report = (await res.json()) as CoverageReport;
    const funnel = report.funnel!;
    const line = (r: FunnelRow) => [
      r.served,
      r.prompted,
      r.rated,
      r.declined,
      r.timedOut,
      r.notShownScreenBusy,
      r.notShownNoScreen,
      r.notShownCitizenAbsent,
      r.low,
    ];
    const byName = Object.fromEntries(funnel.officers.map((r) => [r.name, line(r)]));
    expect(byName['Nguyễn Văn An']).toEqual([14, 12, 10, 1, 1, 1, 1, 0, false]);
    expect(byName['Trần Thị Bình']).toEqual([12, 4, 1, 1, 2, 0, 0, 8, true]);
    expect(line(funnel.centre)).toEqual([26, 16, 11, 2, 3, 1, 1, 8, false]);
    expect(funnel.agencies.map((a) => [a.name, a.served, a.prompted, a.rated])).toEqual(
      expect.arrayContaining([
        [expect.any(String), 14, 12, 10],
        [expect.any(String), 12, 4, 1],
      ]),
    );
    const binhRow = funnel.officers.find((r) => r.id === binh.id)!;
    expect(binhRow.promptedPercent).toBeCloseTo((4 / 12) * 100, 5);
    expect(binhRow.ratedPercent).toBeCloseTo((1 / 12) * 100, 5);
    expect(binhRow.ratedOfPromptedPercent).toBeCloseTo(25, 5);
    // The coverage itself (ratings on tickets ÷ served) agrees with the funnel's rated step.
    expect(report.rows.find((r) => r.officerId === an.id)!.ticketRatings).toBe(10);

    // The coverage exports carry the funnel: a block under the CSV, a second sheet in the XLSX.
    const coverageCsv = await (
      await fetch(`${base}/api/v1/reports/coverage?from=${DAY}&to=${DAY}&format=csv`, { headers: auth(admin) })
    ).text();
    const funnelLines = coverageCsv.split('\r\n');
    const start = funnelLines.indexOf('LỜI MỜI ĐÁNH GIÁ: PHỤC VỤ → ĐƯỢC MỜI → ĐÁNH GIÁ');
    expect(start).toBeGreaterThan(3);
    expect(funnelLines.slice(start + 2)).toEqual(
      expect.arrayContaining([
        'Nguyễn Văn An,Sở Tư pháp,14,12,85.7,10,71.4,0,1,1,1,1,0,',
        'Trần Thị Bình,Sở Giao thông vận tải,12,4,33.3,1,8.3,0,1,2,0,0,8,x',
        'Toàn Trung tâm,,26,16,61.5,11,42.3,0,2,3,1,1,8,',
      ]),
    );
    const workbook = new ExcelJS.Workbook();
    const xlsx = await fetch(`${base}/api/v1/reports/coverage?from=${DAY}&to=${DAY}&format=xlsx`, {
      headers: auth(admin),
    });
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('Lời mời đánh giá')!;
    const sheetRows = [5, 6, 7, 8, 9].map((n) => (sheet.getRow(n).values as unknown[]).slice(1, 8));
    expect(sheetRows).toContainEqual(['Trần Thị Bình', 'Sở Giao thông vận tải', 12, 4, 33.3, 1, 8.3]);

    // The dossier lookup and the per-dossier export read back the one rating.
    const lookup = await fetch(`${base}/api/v1/ratings?dossier=HS-2026-000123`, { headers: auth(admin) });
    const { rows } = (await lookup.json()) as { rows: DossierRatingRow[] };
    expect(rows.map((r) => [r.dossierCode, r.fullName, r.levelLabel])).toEqual([
      ['HS-2026-000123', 'Nguyễn Văn An', 'Tốt'],
    ]);
    const csv = await (
      await fetch(`${base}/api/v1/reports/dossiers?from=${DAY}&to=${DAY}&format=csv`, { headers: auth(admin) })
    ).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[2]).toBe('STT,Mã hồ sơ,Họ và tên cán bộ,Cơ quan đơn vị,Thời gian,Mức đánh giá,Kênh');
    expect(lines.slice(3)).toEqual(['1,HS-2026-000123,Nguyễn Văn An,Sở Tư pháp,24/11/2026 08:11,Tốt,Kiosk tại quầy']);
    const bad = await fetch(`${base}/api/v1/ratings?dossier=${encodeURIComponent('<script>')}`, {
      headers: auth(admin),
    });
    expect(bad.status).toBe(400);
  });
});
