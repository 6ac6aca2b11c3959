interface RatingFaceProps {
  /** 0 for the best level, 1 for the worst: the mouth goes from a smile to a frown. */
  position: number;
}

/** A face drawn in the button's text colour; decoration only, the label names the level. */
export function RatingFace({ position }: RatingFaceProps) {
  const bend = 22 * (1 - 2 * position);
  const mouthY = 66 - bend / 3;
  const mouth = `M 30 ${mouthY} Q 50 ${mouthY + bend} 70 ${mouthY}`;
  return (
    <svg className="rating-face" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="45" className="rating-face__head" />
      <circle cx="35" cy="40" r="6" className="rating-face__eye" />
      <circle cx="65" cy="40" r="6" className="rating-face__eye" />
      <path d={mouth} className="rating-face__mouth" />
    </svg>
  );
}
