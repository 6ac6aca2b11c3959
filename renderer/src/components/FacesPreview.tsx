import { levelTone } from '../../../shared/domain/level-colours.ts';
import { useKiosk } from '../store/kiosk-context.ts';
import { RatingFace } from './RatingFace.tsx';

/**
 * The rating scale in miniature on the idle screen: it shows what the rating button leads to.
 * Not buttons: a tap here records nothing (the rating button below does), so nothing invites one.
 */
export function FacesPreview() {
  const levels = useKiosk((s) => s.kiosk?.ratingLevels ?? []);
  const sorted = [...levels].sort((a, b) => a.order - b.order);
  if (sorted.length === 0) return null;
  return (
    <ul className="faces-preview" aria-label="Các mức đánh giá" data-testid="faces-preview">
      {sorted.map((level, index) => {
        const { tone, position } = levelTone(index, sorted.length);
        return (
          <li key={level.code} className={`faces-preview__item tone-${tone.name}`} data-level={level.code}>
            <RatingFace position={position} />
            <span className="faces-preview__label">{level.label}</span>
          </li>
        );
      })}
    </ul>
  );
}
