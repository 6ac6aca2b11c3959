import type { RefObject } from 'react';

export interface FinishDetailsValue {
  dossierCode: string;
  citizenAbsent: boolean;
}

/**
 * What the officer adds before `Hoàn thành`: the dossier code (typed, or from a barcode scanner
 * acting as a keyboard: its Enter only ends the code), and whether the citizen has already left
 * (then the citizen screen does not invite a rating and the funnel records why).
 */
export function FinishDetails({
  value,
  onChange,
  required,
  disabled,
  inputRef,
}: {
  value: FinishDetailsValue;
  onChange: (value: FinishDetailsValue) => void;
  required: boolean;
  disabled: boolean;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  return (
    <div className="finish-details">
      <label className="finish-details__field">
        <span>Mã hồ sơ{required ? ' (bắt buộc)' : ' (nếu có)'}</span>
        <input
          ref={inputRef}
          name="dossierCode"
          className="finish-details__input"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          required={required}
          disabled={disabled}
          value={value.dossierCode}
          onChange={(event) => onChange({ ...value, dossierCode: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              event.currentTarget.blur();
            }
          }}
        />
      </label>
      <label className="finish-details__absent">
        <input
          type="checkbox"
          name="citizenAbsent"
          disabled={disabled}
          checked={value.citizenAbsent}
          onChange={(event) => onChange({ ...value, citizenAbsent: event.target.checked })}
        />
        <span>Công dân không còn ở quầy (không mời đánh giá)</span>
      </label>
    </div>
  );
}
