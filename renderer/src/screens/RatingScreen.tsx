import { levelTone } from '../../../shared/domain/level-colours.ts';
import { RatingFace } from '../components/RatingFace.tsx';
import { useKiosk } from '../store/kiosk-context.ts';

// Colours by position on the scale, best to worst: the one palette of shared/domain/level-colours.ts.
function toneFor(index: number, count: number): { tone: string; position: number } {
  const { tone, position } = levelTone(index, count);
  return { tone: `tone-${tone.name}`, position };
}

/** The scale as large buttons; a tap records the rating at once. */
export function RatingScreen({ error }: { error?: string | undefined }) {
  const levels = useKiosk((s) => s.kiosk?.ratingLevels ?? []);
  const officerName = useKiosk((s) => s.kiosk?.officer?.fullName);
  const busy = useKiosk((s) => s.busy);
  const submitRating = useKiosk((s) => s.submitRating);
  const goIdle = useKiosk((s) => s.goIdle);
  const declineRating = useKiosk((s) => s.declineRating);
  // A prompt for a finished ticket can be declined (recorded); a walk-up rating is simply left.
  const forTicket = useKiosk((s) => s.screen.name === 'rating' && s.screen.ticketId !== undefined);
  const sorted = [...levels].sort((a, b) => a.order - b.order);

  return (
    <main className="screen screen--rating" data-screen="rating">
      <h1 className="screen-title">Ông/bà hài lòng với sự phục vụ của cán bộ?</h1>
      {officerName && <p className="screen-subtitle">Cán bộ phục vụ: {officerName}</p>}
      {error ? (
        <p className="message message--error message--large" role="alert">
          {error}
        </p>
      ) : (
        <div className={`rating-levels rating-levels--${String(sorted.length)}`}>
          {sorted.map((level, index) => {
            const { tone, position } = toneFor(index, sorted.length);
            return (
              <button
                key={level.code}
                type="button"
                className={`rating-level ${tone}`}
                aria-label={level.label}
                data-level={level.code}
                disabled={busy}
                onClick={() => void submitRating(level.code)}
              >
                <RatingFace position={position} />
                <span className="rating-level__label">{level.label}</span>
              </button>
            );
          })}
        </div>
      )}
      <div className="screen-actions">
        {forTicket && !error ? (
          <button
            type="button"
            className="button button--secondary rating-skip"
            disabled={busy}
            onClick={() => void declineRating()}
          >
            Bỏ qua
          </button>
        ) : (
          <button type="button" className="button button--secondary" onClick={goIdle}>
            Quay lại
          </button>
        )}
      </div>
    </main>
  );
}
