import { useState } from 'react';
import type { OfficerOut } from '../../../../../shared/contract/server-api.ts';
import { MAX_OFFICER_PHOTO_BYTES } from '../../../../../shared/domain/officer-photo.ts';
import { useFetch } from '../../use-fetch.ts';

/**
 * The photo the kiosk's idle screen shows for this officer: a preview, a file to upload
 * (JPEG, PNG or WebP; the server checks the bytes and the size) and a way to remove it.
 */
export function OfficerPhotoEditor({
  officer,
  photoUrl,
  busy,
  onUpload,
  onRemove,
  version,
}: {
  officer: OfficerOut;
  photoUrl: string;
  busy: boolean;
  onUpload: (file: File) => void;
  onRemove: () => void;
  /** Changes after every write so the preview is read again. */
  version: number;
}) {
  const stored = useFetch<{ photo: string | null }>(officer.hasPhoto ? `${photoUrl}?v=${version}` : null);
  const [file, setFile] = useState<File | null>(null);
  const photo = officer.hasPhoto ? stored.data?.photo : null;
  return (
    <fieldset className="officer-photo">
      <legend>Ảnh trên màn hình chờ của kiosk</legend>
      {photo ? (
        <img className="officer-photo__preview" src={photo} alt={`Ảnh hiện tại của ${officer.fullName}`} />
      ) : (
        <p className="muted small">Chưa có ảnh.</p>
      )}
      <label>
        <span>Chọn ảnh (JPEG, PNG hoặc WebP, tối đa {MAX_OFFICER_PHOTO_BYTES / 1024} KB)</span>
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <div className="row">
        <button type="button" disabled={busy || !file} onClick={() => file && onUpload(file)}>
          Tải ảnh lên
        </button>
        {officer.hasPhoto ? (
          <button type="button" disabled={busy} onClick={onRemove}>
            Xoá ảnh
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
