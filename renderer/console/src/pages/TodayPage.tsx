import { useEffect, useState } from 'react';
import type { TodayCounter, TodaySnapshot } from '../../../../shared/contract/console-api.ts';
import { currentSession } from '../api.ts';
import { levelColour } from '../components/StackedBars.tsx';
import { age, formatCount, formatDayVi, time } from '../format.ts';
import { printerLabel } from '../printer-label.ts';
import { useSession } from '../session-store.ts';
import { useCentrePath, useSelectedCentre } from '../centre-store.ts';

type Link = 'connecting' | 'live' | 'retrying';

/** The live stream: a fresh snapshot after every kiosk sync; reconnects by itself. */
function useTodayStream(): { snapshot: TodaySnapshot | null; link: Link } {
  const path = useCentrePath('/api/v1/console/today/stream');
  // Kept with the stream it came from: another centre chosen, nothing of the previous one shows.
  const [feed, setFeed] = useState<{ path: string; snapshot: TodaySnapshot | null; link: Link }>({
    path,
    snapshot: null,
    link: 'connecting',
  });
  useEffect(() => {
    const source = new EventSource(path);
    source.addEventListener('today', (event) => {
      setFeed({ path, snapshot: JSON.parse((event as MessageEvent<string>).data) as TodaySnapshot, link: 'live' });
    });
    source.addEventListener('expired', () => {
      source.close();
      useSession.getState().expired('Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.');
    });
    source.onerror = () => {
      setFeed((f) => ({ path, snapshot: f.path === path ? f.snapshot : null, link: 'retrying' }));
      // A refused stream (401) is not retried by the browser: find out whether the session ended.
      if (source.readyState === EventSource.CLOSED) {
        void currentSession().then((found) => {
          if (!found) useSession.getState().expired('Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.');
        });
      }
    };
    return () => source.close();
  }, [path]);
  return feed.path === path ? feed : { snapshot: null, link: 'connecting' };
}

function CounterCard({ counter, now }: { counter: TodayCounter; now: number }) {
  // Every centre on one page: counter numbers repeat, so each card names its centre.
  const centreName = useSelectedCentre((s) =>
    s.code === null && (s.centres?.length ?? 0) > 1
      ? s.centres?.find((c) => c.id === counter.centreId)?.name
      : undefined,
  );
  const label = centreName ? `Quầy số ${counter.number} – ${centreName}` : `Quầy số ${counter.number}`;
  return (
    <section className="card counter" aria-label={label}>
      <header>
        <h2>{counter.name}</h2>
        {counter.kiosk ? (
          <span className={counter.kiosk.online ? 'pill ok' : 'pill bad'}>
            {counter.kiosk.online ? 'Kiosk trực tuyến' : 'Kiosk mất kết nối'}
          </span>
        ) : (
          <span className="pill muted-pill">Chưa có kiosk</span>
        )}
      </header>
      {centreName ? <p className="small muted counter-centre">{centreName}</p> : null}
      <p className="officer">
        {counter.officer ? (
          <>
            <strong>{counter.officer.fullName}</strong>
            <span className="muted"> · {counter.officer.agencyName}</span>
          </>
        ) : (
          <span className="muted">Chưa có cán bộ đăng nhập</span>
        )}
      </p>
      <dl className="counter-figures">
        <div>
          <dt>Đang phục vụ</dt>
          <dd className="big">{counter.current ? counter.current.number : '—'}</dd>
          {counter.current ? (
            <dd className="small muted">
              {counter.current.status === 'called' ? 'đã gọi lúc ' : 'phục vụ từ '}
              {time(counter.current.since)}
            </dd>
          ) : null}
        </div>
        <div>
          <dt>Đang chờ</dt>
          <dd className="big">{formatCount(counter.waiting)}</dd>
        </div>
        <div>
          <dt>Đã phục vụ</dt>
          <dd>{formatCount(counter.servedToday)}</dd>
        </div>
        <div>
          <dt>Lượt đánh giá</dt>
          <dd>{formatCount(counter.ratingsToday)}</dd>
        </div>
      </dl>
      <p className="small muted kiosk-line">
        {counter.kiosk
          ? `${counter.kiosk.name} · đồng bộ ${age(counter.kiosk.lastSyncAt, now)} · máy in: ${printerLabel(counter.kiosk.printer)}`
          : 'Chưa kiosk nào đồng bộ cho quầy này.'}
      </p>
    </section>
  );
}

export function TodayPage() {
  const { snapshot, link } = useTodayStream();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  if (!snapshot) {
    return (
      <p className="loading" role="status">
        {link === 'retrying' ? 'Không kết nối được máy chủ, đang thử lại…' : 'Đang tải số liệu hôm nay…'}
      </p>
    );
  }
  const { totals } = snapshot;
  return (
    <>
      <p className="subtitle">
        Ngày {formatDayVi(snapshot.day)} ·{' '}
        <span role="status" className={link === 'live' ? 'live' : 'stale'}>
          {link === 'live' ? 'Cập nhật trực tiếp' : 'Mất kết nối, đang thử lại…'}
        </span>
      </p>
      <dl className="tiles" aria-label="Tổng hôm nay">
        <div className="tile">
          <dt>Phiếu đã cấp</dt>
          <dd data-figure="issued">{formatCount(totals.issued)}</dd>
        </div>
        <div className="tile">
          <dt>Đã phục vụ</dt>
          <dd data-figure="served">{formatCount(totals.served)}</dd>
        </div>
        <div className="tile">
          <dt>Đang chờ</dt>
          <dd data-figure="waiting">{formatCount(totals.waiting)}</dd>
        </div>
        <div className="tile">
          <dt>Lượt đánh giá</dt>
          <dd data-figure="ratings">{formatCount(totals.ratings)}</dd>
          <dd className="levels">
            {totals.byLevel.map((level, i) => (
              <span key={level.code} className="level-chip">
                <span
                  className="swatch"
                  style={{ background: levelColour(i, totals.byLevel.length) }}
                  aria-hidden="true"
                />
                {level.label}: {formatCount(level.count)}
              </span>
            ))}
          </dd>
        </div>
      </dl>
      {totals.misuse > 0 ? (
        <p className="small muted">{formatCount(totals.misuse)} lượt bấm nghi vấn hôm nay không được tính.</p>
      ) : null}
      <div className="counters">
        {snapshot.counters.length === 0 ? (
          <p>Chưa khai báo quầy nào. Hãy thêm quầy ở trang “Cán bộ và cơ cấu”.</p>
        ) : (
          snapshot.counters.map((counter) => <CounterCard key={counter.counterId} counter={counter} now={now} />)
        )}
      </div>
    </>
  );
}
