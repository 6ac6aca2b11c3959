import { KioskHeader } from '../components/KioskHeader.tsx';
import { TechnicianCorner } from '../components/TechnicianCorner.tsx';
import { TakeNumberButtons } from '../queue/TakeNumberButtons.tsx';
import { useKiosk } from '../store/kiosk-context.ts';
import { FacesPreview } from '../components/FacesPreview.tsx';

/** Who serves at this counter, and what a citizen can do here. */
export function IdleScreen() {
  const officer = useKiosk((s) => s.kiosk?.officer ?? null);
  const entrance = useKiosk((s) => s.kiosk?.queue.role === 'entrance');
  const serving = useKiosk((s) => s.kiosk?.queue.serving ?? null);
  const go = useKiosk((s) => s.go);
  if (entrance) return <EntranceIdle />;

  return (
    <main className="screen screen--idle" data-screen="idle">
      <TechnicianCorner />
      <KioskHeader />
      <section className="officer-card" aria-label="Cán bộ phục vụ">
        {officer ? (
          <>
            <div className={`officer-card__who${officer.photo ? ' officer-card__who--photo' : ''}`}>
              {officer.photo ? (
                <img className="officer-card__photo" src={officer.photo} alt={`Ảnh cán bộ ${officer.fullName}`} />
              ) : null}
              <div>
                <p className="officer-card__caption">Cán bộ phục vụ</p>
                <h1 className="officer-card__name">{officer.fullName}</h1>
                <p className="officer-card__agency">{officer.agencyName}</p>
              </div>
            </div>
            {serving ? (
              <p className="officer-card__serving" data-serving={serving}>
                Đang phục vụ số <strong>{serving}</strong>
              </p>
            ) : null}
            <FacesPreview />
          </>
        ) : (
          <h1 className="officer-card__name officer-card__name--empty">Quầy chưa có cán bộ</h1>
        )}
      </section>
      {/* Citizen actions: one button per line; the queue adds "Lấy số thứ tự" here. */}
      <nav className="idle-actions" aria-label="Chức năng">
        <TakeNumberButtons />
        {officer ? (
          <button type="button" className="button button--primary button--hero" onClick={() => go({ name: 'rating' })}>
            Đánh giá cán bộ phục vụ
          </button>
        ) : (
          // A face tapped with nobody on duty would record nothing: no button, and the reason.
          <p className="idle-no-rating" role="note">
            Chưa thể đánh giá: quầy chưa có cán bộ đăng nhập.
          </p>
        )}
      </nav>
      <footer className="idle-footer">
        {officer ? (
          <button type="button" className="button button--quiet" onClick={() => go({ name: 'signOut' })}>
            Đăng xuất
          </button>
        ) : (
          <button type="button" className="button button--quiet" onClick={() => go({ name: 'signIn' })}>
            Cán bộ đăng nhập
          </button>
        )}
      </footer>
    </main>
  );
}

/** The entrance kiosk: numbers for every service of the centre; no officer, no rating. */
function EntranceIdle() {
  return (
    <main className="screen screen--idle" data-screen="idle" data-role="entrance">
      <TechnicianCorner />
      <KioskHeader />
      <section className="officer-card" aria-label="Hướng dẫn">
        <h1 className="officer-card__name">Mời ông/bà lấy số thứ tự</h1>
        <p className="officer-card__agency">Chọn lĩnh vực cần giải quyết, số sẽ được gọi tại quầy phục vụ.</p>
      </section>
      <nav className="idle-actions" aria-label="Chức năng">
        <TakeNumberButtons />
      </nav>
    </main>
  );
}
