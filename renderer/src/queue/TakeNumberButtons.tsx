import { useKiosk } from '../store/kiosk-context.ts';
import { useTakeNumber } from './use-take-number.ts';
import './queue.css';
import { NO_PRIORITIES } from './empty.ts';

/** On the idle screen, beside the rating invitation. Hidden when the counter issues no numbers. */
export function TakeNumberButtons() {
  const { chooseService, startPriority, hasServices } = useTakeNumber();
  const priorities = useKiosk((s) => s.kiosk?.queue.priorities ?? NO_PRIORITIES);
  if (!hasServices) return null;
  const hint = priorities.map((p) => p.label.toLocaleLowerCase('vi')).join(', ');
  return (
    <div className="take-number-actions">
      <button type="button" className="button button--primary button--hero" onClick={() => chooseService()}>
        Lấy số thứ tự
      </button>
      {priorities.length > 0 && (
        <>
          <button
            type="button"
            className="button button--secondary"
            aria-describedby="take-number-priority-hint"
            onClick={startPriority}
          >
            Lấy số ưu tiên
          </button>
          <p id="take-number-priority-hint" className="take-number-priority__hint">
            Dành cho {hint}
          </p>
        </>
      )}
    </div>
  );
}
