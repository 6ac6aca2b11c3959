import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../shared/domain/coverage-report.ts';
import type { PhuLuc2Report } from '../../shared/domain/phu-luc-2.ts';
import { vietnamDay } from '../../shared/domain/vietnam-time.ts';
import { startCliProcess, startCliServer, type CliProcess } from '../support/cli-server.ts';
import { useChromium } from '../support/e2e-hooks.ts';
import { IdlePage, SignInPage } from '../support/kiosk-pages.ts';
import { OfficerConsolePage, TakeNumberPage, rateAtKiosk } from '../support/kiosk-queue-pages.ts';
import { ConsoleAdminPage } from './console-admin-pages.ts';
import { ADMIN_PASSWORD, newPage, signIn } from './console-support.ts';

/**
 * Issue 8 §5: one day of a real centre, no demo anywhere. A server and four kiosks run from the
 * real CLI; everything a person does is done in Chromium; the server dies for 60 s mid-day.
 * Phụ lục 2 and the coverage report must then equal the script's own record of what it tapped.
 */

const SHOTS = join(import.meta.dirname, '../../test-results/screenshots');
const OUTAGE_MS = 60_000;
const LEVELS = ['Tốt', 'Khá', 'Trung bình', 'Kém'] as const;
type Level = (typeof LEVELS)[number];

// Agencies in the official order, so Phụ lục 2's row order is known in advance.
const OFFICERS = [
  { fullName: 'Hoàng Văn An', agency: 'Sở Công Thương', pin: '135790' },
  { fullName: 'Đinh Thị Bích', agency: 'Sở Tư pháp', pin: '246802' },
  { fullName: 'Triệu Văn Cường', agency: 'Sở Y tế', pin: '975311' },
  // Imported, never at a counter today: a row of zeros.
  { fullName: 'Lý Thị Dung', agency: 'Công an tỉnh', pin: '864200' },
] as const;
const COUNTERS = [1, 2, 3].map((number) => ({ number, name: `Quầy số ${String(number)}` }));
const SERVICES = [
  { name: 'Đăng ký kinh doanh', counter: 0, start: 1001 },
  { name: 'Hộ tịch', counter: 1, start: 2001 },
  { name: 'Cấp phép hành nghề y', counter: 2, start: 3001 },
] as const;
const TECHNICIAN_PIN = '20262026';

interface Tally {
  served: number;
  ratings: Record<Level, number>;
}

/** The script's own record of what happened: every finish and every tap. */
class DayRecord {
  readonly byOfficer = new Map<string, Tally>(
    OFFICERS.map((o) => [o.fullName, { served: 0, ratings: { Tốt: 0, Khá: 0, 'Trung bình': 0, Kém: 0 } }]),
  );
  served(officer: string): void {
    this.byOfficer.get(officer)!.served += 1;
  }
  rated(officer: string, level: Level): void {
    this.byOfficer.get(officer)!.ratings[level] += 1;
  }
}

interface CounterSeat {
  index: number;
  officer: (typeof OFFICERS)[number];
  kiosk: CliProcess;
  citizen: Page;
  officerConsole: OfficerConsolePage;
}

describe('a centre’s day, set up from the console, through a server outage', () => {
  const browser = useChromium();
  const dir = mkdtempSync(join(tmpdir(), 'hailong-centre-day-'));
  const processes: CliProcess[] = [];
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    for (const process of processes) await process.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every tap is counted once in Phụ lục 2 and the coverage report', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const record = new DayRecord();
    const dbFile = join(dir, 'central.db');
    const env = { HAILONG_ADMIN_PASSWORD: ADMIN_PASSWORD };
    let server = await startCliServer(['--db', dbFile], env);
    processes.push(server);
    const port = Number(new URL(server.url).port);

    // The admin sets the centre up in the console.
    const consoleTab = await newPage(browser());
    contexts.push(consoleTab.context);
    const admin = new ConsoleAdminPage(consoleTab.page);
    await signIn(consoleTab.page, server.url);
    const csv = join(dir, 'can-bo.csv');
    writeFileSync(
      csv,
      `\uFEFFHọ và tên,"Cơ quan, đơn vị"\n${OFFICERS.map((o) => `${o.fullName},${o.agency}`).join('\n')}\n`,
    );
    await admin.importStaff(csv, OFFICERS.length);
    for (const counter of COUNTERS) await admin.addCounter(counter.number);
    for (const s of SERVICES) await admin.addService(s.name, COUNTERS[s.counter]!.name, s.start, s.start + 998);
    for (const o of OFFICERS) await admin.setOfficerPin(o.fullName, o.pin);
    await admin.openKiosks();
    await admin.setTechnicianPin(TECHNICIAN_PIN);

    // Four kiosks enrolled from the CLI with codes made in the console, then assigned there.
    const names = ['Kiosk lối vào', 'Kiosk quầy 1', 'Kiosk quầy 2', 'Kiosk quầy 3'];
    const kiosks: CliProcess[] = [];
    for (const name of names) {
      const code = await admin.newEnrolmentCode();
      const kioskDir = join(dir, name.replaceAll(' ', '-'));
      const kiosk = await startCliProcess(
        [
          'kiosk',
          '--browser',
          '--data-dir',
          kioskDir,
          '--port',
          '0',
          '--server',
          server.url,
          '--enroll',
          code,
          '--name',
          name,
        ],
        /Kiosk \(trình duyệt\): (http:\/\/\S+)/,
      );
      processes.push(kiosk);
      kiosks.push(kiosk);
    }
    await admin.assign(names[0]!, { role: 'entrance' });
    for (const [i, counter] of COUNTERS.entries()) await admin.assign(names[i + 1]!, { role: 'counter', counter });

    const kioskPage = async (url: string): Promise<Page> => {
      const context = await browser().newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url);
      return page;
    };
    const entrancePage = await kioskPage(kiosks[0]!.url);
    // The kiosk takes its role at its next sync: the entrance greets citizens of every service.
    await entrancePage
      .getByRole('heading', { level: 1, name: 'Mời ông/bà lấy số thứ tự' })
      .waitFor({ timeout: 20_000 });
    const entrance = new TakeNumberPage(entrancePage);

    // Officers sign in on their kiosks with the PIN the admin set.
    const seats: CounterSeat[] = [];
    for (const [index, officer] of OFFICERS.slice(0, 3).entries()) {
      const kiosk = kiosks[index + 1]!;
      const citizen = await kioskPage(kiosk.url);
      const idle = new IdlePage(citizen);
      await idle.waitUntilShown(20_000);
      await citizen.locator('.kiosk-header__counter', { hasText: COUNTERS[index]!.name }).waitFor({ timeout: 20_000 });
      // The officer list and PINs come down with the configuration.
      await expect
        .poll(
          async () => {
            const signIn = await idle.startSignIn();
            const found = (await signIn.page.getByRole('button', { name: new RegExp(officer.fullName) }).count()) > 0;
            if (!found) await citizen.goto(kiosk.url);
            return found;
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      await (await new SignInPage(citizen).pick(officer.fullName)).enter(officer.pin);
      await idle.officerCard.getByText(officer.fullName).waitFor({ timeout: 10_000 });
      const consolePage = await citizen.context().newPage();
      const officerConsole = new OfficerConsolePage(consolePage);
      await officerConsole.open(kiosk.url);
      seats.push({ index, officer, kiosk, citizen, officerConsole });
    }

    let tap = 0;
    const nextLevel = (): Level => LEVELS[tap++ % LEVELS.length]!;
    /** The officer finishes the citizen at the counter; the citizen taps a level on the counter kiosk. */
    const finishAndRate = async (seat: CounterSeat, number: string): Promise<void> => {
      await seat.officerConsole.finish(number);
      record.served(seat.officer.fullName);
      const level = nextLevel();
      await rateAtKiosk(seat.citizen, level);
      record.rated(seat.officer.fullName, level);
      await new IdlePage(seat.citizen).waitUntilShown(20_000);
    };
    const serveNext = async (seat: CounterSeat, expected: string): Promise<void> => {
      await seat.officerConsole.waitForWaiting(expected);
      expect(await seat.officerConsole.callNext()).toBe(expected);
      await finishAndRate(seat, expected);
    };
    const takeAtEntrance = async (service: number): Promise<string> => {
      const number = await entrance.take(SERVICES[service]!.name);
      await entrance.done();
      return number;
    };

    // Morning, online: numbers at the entrance reach the counters' consoles.
    const [s1, s2, s3] = seats as [CounterSeat, CounterSeat, CounterSeat];
    const a1 = await takeAtEntrance(0);
    const a2 = await takeAtEntrance(0);
    const b1 = await takeAtEntrance(1);
    const c1 = await takeAtEntrance(2);
    const issued: { service: number; number: string }[] = [
      { service: 0, number: a1 },
      { service: 0, number: a2 },
      { service: 1, number: b1 },
      { service: 2, number: c1 },
    ];
    await serveNext(s1, a1);
    await serveNext(s3, c1);

    // Counter 1 sends 1002 to counter 2's service; it leaves counter 1 and shows on counter 2's console.
    await s1.officerConsole.waitForWaiting(a2);
    expect(await s1.officerConsole.callNext()).toBe(a2);
    await s1.officerConsole.transfer(a2, SERVICES[1].name);
    await s2.officerConsole.waitForWaiting(a2);
    await s2.officerConsole.waitForWaiting(b1);
    expect(await s1.officerConsole.waitingNumbers()).toEqual([]);
    await s2.officerConsole.page.screenshot({ path: join(SHOTS, 'centre-day-officer-transferred.png') });
    // Issue order within the class: 1002 was issued before 2001 and keeps its place.
    expect(await s2.officerConsole.waitingNumbers()).toEqual([a2, b1]);
    await serveNext(s2, a2);
    await serveNext(s2, b1);

    // A citizen takes a number at counter 3's own kiosk.
    const counterTicket = new TakeNumberPage(s3.citizen);
    const c2 = await counterTicket.take();
    await counterTicket.done();
    issued.push({ service: 2, number: c2 });
    await serveNext(s3, c2);

    // Midday: the server dies. Every kiosk keeps working on its own.
    await server.kill();
    const outageStarted = Date.now();
    const offline: string[] = [];
    for (const service of [0, 1, 2]) {
      const number = await entrance.take(SERVICES[service]!.name);
      // Told honestly that the ticket reaches its counter only when the connection is back.
      await entrance.connectionNote.waitFor({ timeout: 20_000 });
      expect(await entrance.connectionNote.textContent()).toContain('mất kết nối');
      // Everyone before had been served or transferred, which the entrance learnt while online.
      expect(await entrance.peopleAhead.textContent()).toBe('0');
      if (service === 0) await entrancePage.screenshot({ path: join(SHOTS, 'centre-day-entrance-offline.png') });
      await entrance.done();
      offline.push(number);
      issued.push({ service, number });
    }
    for (const seat of seats) {
      const own = new TakeNumberPage(seat.citizen);
      const number = await own.take();
      await own.done();
      issued.push({ service: seat.index, number });
      await serveNext(seat, number);
    }
    // The entrance's offline numbers cannot have reached any counter.
    for (const [i, seat] of seats.entries()) {
      expect(await seat.officerConsole.waitingNumbers()).not.toContain(offline[i]);
    }
    const left = OUTAGE_MS - (Date.now() - outageStarted);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));

    // The server comes back on the same port and file; the kiosks reconnect by themselves.
    server = await startCliServer(['--db', dbFile], env, port);
    processes.push(server);
    for (const [i, seat] of seats.entries()) await serveNext(seat, offline[i]!);
    // Numbers from blocks leased to each kiosk: within the service's range, never twice, even apart.
    for (const [service, { start }] of SERVICES.entries()) {
      const numbers = issued.filter((t) => t.service === service).map((t) => Number(t.number));
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const n of numbers) expect(n >= start && n <= start + 998).toBe(true);
    }

    // The reports equal the script's record, cell by cell.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const token = ((await login.json()) as { token: string }).token;
    const today = vietnamDay(new Date());
    const report = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${server.url}${path}?from=${today}&to=${today}&format=json`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return (await res.json()) as T;
    };
    const expectedRows = OFFICERS.map((o, i) => ({
      stt: i + 1,
      fullName: o.fullName,
      agencyName: o.agency,
      counts: LEVELS.map((level) => record.byOfficer.get(o.fullName)!.ratings[level]),
    }));
    await expect
      .poll(
        async () =>
          (await report<PhuLuc2Report>('/api/v1/reports/phu-luc-2')).rows.map(
            ({ stt, fullName, agencyName, counts }) => ({ stt, fullName, agencyName, counts }),
          ),
        { timeout: 60_000, interval: 1_000 },
      )
      .toEqual(expectedRows);
    const phuLuc2 = await report<PhuLuc2Report>('/api/v1/reports/phu-luc-2');
    expect(phuLuc2.levels.map((l) => l.label)).toEqual([...LEVELS]);
    expect(phuLuc2.totals).toEqual(LEVELS.map((_, c) => expectedRows.reduce((sum, row) => sum + row.counts[c]!, 0)));
    expect(phuLuc2.misuseExcluded).toBe(0);

    const coverage = await report<CoverageReport>('/api/v1/reports/coverage');
    expect(
      coverage.rows.map(({ fullName, ticketsServed, ticketRatings, walkUpRatings, coveragePercent }) => ({
        fullName,
        ticketsServed,
        ticketRatings,
        walkUpRatings,
        coveragePercent,
      })),
    ).toEqual(
      OFFICERS.map((o) => {
        const tally = record.byOfficer.get(o.fullName)!;
        const rated = LEVELS.reduce((sum, level) => sum + tally.ratings[level], 0);
        return {
          fullName: o.fullName,
          ticketsServed: tally.served,
          ticketRatings: rated,
          walkUpRatings: 0,
          coveragePercent: tally.served === 0 ? null : (rated / tally.served) * 100,
        };
      }),
    );
  }, 600_000);
});
