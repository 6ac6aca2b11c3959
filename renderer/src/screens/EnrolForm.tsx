import { useState, type SyntheticEvent } from 'react';

/**
 * The server address and one-time enrolment code, as the setup screen and the technician's
 * re-enrolment ask for them. `enroll` says whether it worked; the caller shows why not.
 */
export function EnrolForm({
  initialServerUrl = '',
  submitLabel,
  enroll,
  onCancel,
}: {
  initialServerUrl?: string;
  submitLabel: string;
  enroll: (serverUrl: string, code: string) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [serverUrl, setServerUrl] = useState(initialServerUrl);
  const [code, setCode] = useState('');
  const [working, setWorking] = useState(false);

  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (working) return;
    setWorking(true);
    try {
      // A used code is spent: clear it so the next try asks for a fresh one.
      if (await enroll(serverUrl, code)) setCode('');
    } finally {
      setWorking(false);
    }
  };

  return (
    <form className="sync-enrol" noValidate onSubmit={(event) => void submit(event)}>
      <label className="sync-field">
        <span>Địa chỉ máy chủ</span>
        <input
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="http://192.168.1.10:8080"
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
        />
      </label>
      <label className="sync-field">
        <span>Mã đăng ký</span>
        <input
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="ABCD-EFGH-JKLM"
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </label>
      <div className="sync-buttons">
        <button type="submit" className="button button--primary" disabled={working}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            Huỷ
          </button>
        )}
      </div>
    </form>
  );
}
