import { useEffect, useRef, useState } from 'react';
import type { BoardCall, BoardSnapshot } from '../../../shared/contract/console-api.ts';
import { formatTimeVi, formatDayVi, vietnamDay } from '../../../shared/domain/vietnam-time.ts';
import { AnnouncementQueue, callAnnouncement } from '../../src/queue/announcement-queue.ts';
import { createBrowserAnnouncer } from '../../src/queue/browser-announcer.ts';
import { autoplayAllowed } from './autoplay.ts';
import { boardCodeOf, centreQuery, loadBoardCentre, type BoardCentre } from './board-centre.ts';
import { addCall, publicCall, uniqueRecent } from './board-state.ts';
import { reconnectDelayMs } from './reconnect-delay.ts';

const EMPTY: BoardSnapshot = { current: [], recent: [] };
const CENTRE_RETRY_MS = 5_000;
/** This screen's centre, from its address; fixed for the page's life. */
const CODE = boardCodeOf(location.pathname);
const QUERY = centreQuery(CODE);

/** The centre's name, asked until the server answers; `unknown` stays (a wrong address). */
function useCentre(): BoardCentre {
  const [centre, setCentre] = useState<BoardCentre>({ state: 'loading' });
  useEffect(() => {
    let timer: number | undefined;
    let stopped = false;
    const load = () => {
      loadBoardCentre(CODE)
        .catch(() => null)
        .then((found) => {
          if (stopped) return;
          if (found) setCentre(found);
          else timer = window.setTimeout(load, CENTRE_RETRY_MS);
        })
        .catch(() => undefined);
    };
    load();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, []);
  useEffect(() => {
    if (centre.state === 'known') document.title = `Bảng gọi số – ${centre.name}`;
  }, [centre]);
  return centre;
}

function UnknownCentre({ code }: { code: string }) {
  return (
    <div className="board board-unknown">
      <main role="alert">
        <h1>Không tìm thấy trung tâm mã “{code}”</h1>
        <p>
          Địa chỉ của bảng gọi số này không đúng. Hãy kiểm tra mã trung tâm ở cuối địa chỉ (ví dụ /board/TT01) hoặc liên
          hệ cán bộ CNTT của trung tâm.
        </p>
      </main>
    </div>
  );
}

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 10_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export function BoardApp() {
  const centre = useCentre();
  if (centre.state === 'unknown') return <UnknownCentre code={centre.code} />;
  return <Board centreName={centre.state === 'known' ? centre.name : null} />;
}

function Board({ centreName }: { centreName: string | null }) {
  const [state, setState] = useState<BoardSnapshot>(EMPTY);
  const [latest, setLatest] = useState<BoardCall | null>(null);
  const [online, setOnline] = useState(true);
  const [soundOn, setSoundOn] = useState(autoplayAllowed);
  const queue = useRef<AnnouncementQueue | null>(null);
  const now = useClock();

  useEffect(() => {
    // Clips until the centre's choice is known; a system voice only where the centre prefers it.
    let preferSystemVoice = false;
    fetch(`/api/v1/board/speech${QUERY}`)
      .then((response) => (response.ok ? (response.json() as Promise<{ preferSystemVoice?: unknown }>) : null))
      .then((settings) => {
        preferSystemVoice = settings?.preferSystemVoice === true;
      })
      .catch(() => undefined);
    queue.current = new AnnouncementQueue(createBrowserAnnouncer({ preferSystemVoice: () => preferSystemVoice }));
    // The browser gives up on a stream answered 503/429 or cut hard; the board never does.
    let source: EventSource | null = null;
    let attempt = 0;
    let retryTimer: number | undefined;
    let stopped = false;
    const connect = () => {
      if (stopped) return;
      const stream = new EventSource(`/api/v1/board/stream${QUERY}`);
      source = stream;
      attach(stream);
    };
    const attach = (source: EventSource) => {
      source.addEventListener('snapshot', (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as BoardSnapshot;
        setState({
          current: data.current.map(publicCall).filter((c): c is BoardCall => c !== null),
          recent: data.recent.map(publicCall).filter((c): c is BoardCall => c !== null),
        });
        setOnline(true);
        attempt = 0;
      });
      source.addEventListener('call', (event) => {
        const call = publicCall(JSON.parse((event as MessageEvent<string>).data));
        if (!call) return;
        setState((s) => addCall(s, call));
        setLatest(call);
        // Queued: a call made while another is read waits for it; none is cut off.
        void queue.current?.enqueue(callAnnouncement(call.number, call.counterNumber));
      });
      source.onerror = () => {
        setOnline(false);
        source.close();
        window.clearTimeout(retryTimer);
        retryTimer = window.setTimeout(connect, reconnectDelayMs(attempt));
        attempt += 1;
      };
    };
    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      source?.close();
    };
  }, []);

  const banner = latest ?? state.recent[0] ?? null;
  return (
    <div className="board">
      <header className="board-head">
        <div className="board-title">
          <h1>Mời công dân theo số thứ tự</h1>
          {centreName ? <p className="board-centre">{centreName}</p> : null}
        </div>
        <p className="clock" aria-label="Giờ hiện tại">
          {formatTimeVi(now)} · {formatDayVi(vietnamDay(now))}
        </p>
        {!soundOn ? (
          <button
            type="button"
            className="sound"
            onClick={() => {
              // Browsers play audio only after a tap on the page; one tap when the TV is set up.
              setSoundOn(true);
              void queue.current?.enqueue({ text: 'Đã bật âm thanh bảng gọi số', clips: null });
            }}
          >
            Bật âm thanh
          </button>
        ) : null}
      </header>
      {!online ? (
        <p className="board-offline" role="status">
          Đang kết nối lại…
        </p>
      ) : null}
      <section className="board-banner" aria-live="assertive" aria-atomic="true">
        {banner ? (
          <p key={`${banner.number}-${banner.calledAt}`} className={latest ? 'flash' : undefined}>
            Mời công dân có số thứ tự <strong className="banner-number">{banner.number}</strong> đến{' '}
            <strong>{banner.counterName}</strong>
          </p>
        ) : (
          <p>Chưa có số nào được gọi hôm nay.</p>
        )}
      </section>
      <main className="board-main">
        <section aria-labelledby="h-now" className="board-now">
          <h2 id="h-now">Đang phục vụ</h2>
          <ul className="board-counters">
            {state.current.map((c) => (
              <li key={c.counterNumber} className="board-counter" aria-label={`${c.counterName}: số ${c.number}`}>
                <span className="board-counter-name">{c.counterName}</span>
                <span className="board-counter-number">{c.number}</span>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="h-recent" className="board-recent">
          <h2 id="h-recent">Vừa gọi</h2>
          <ol>
            {uniqueRecent(state.recent).map((c) => (
              <li key={`${c.counterNumber}-${c.number}-${c.calledAt}`}>
                <span className="recent-number">{c.number}</span>
                <span className="recent-counter">{c.counterName}</span>
                <span className="recent-time">{formatTimeVi(new Date(c.calledAt))}</span>
              </li>
            ))}
          </ol>
        </section>
      </main>
    </div>
  );
}
