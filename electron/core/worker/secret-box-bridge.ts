import type { SecretBox } from '../secret-box.ts';

/**
 * The OS keychain (Electron's safeStorage) lives in the main process, the core in a worker, and
 * SecretBox is synchronous (the sync store reads the token inside a transaction). The worker asks
 * main over the port and blocks on a shared buffer until main writes the answer: only the worker
 * waits, never a window. Used for the device token only, a few times a day.
 */
export interface SecretRequest {
  type: 'secret';
  op: 'seal' | 'open';
  text: string;
  /** [0]: 0 pending, 1 answered, 2 failed; [1]: byte length; then UTF-8 bytes. */
  buffer: SharedArrayBuffer;
}

const HEADER_BYTES = 8;
const BUFFER_BYTES = 64 * 1024;
const WAIT_MS = 10_000;

/** Main side: answers one request with the real box. */
export function answerSecretRequest(box: SecretBox, request: SecretRequest): void {
  const header = new Int32Array(request.buffer, 0, 2);
  let state = 1;
  let text: string;
  try {
    text = request.op === 'seal' ? box.seal(request.text) : box.open(request.text);
  } catch (error) {
    state = 2;
    text = error instanceof Error ? error.message : String(error);
  }
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > BUFFER_BYTES - HEADER_BYTES) {
    state = 2;
    text = 'Mã thiết bị quá dài.';
  }
  const encoded = new TextEncoder().encode(text);
  new Uint8Array(request.buffer, HEADER_BYTES).set(encoded);
  header[1] = encoded.length;
  Atomics.store(header, 0, state);
  Atomics.notify(header, 0);
}

/** Worker side: a SecretBox whose work is done by main. */
export function remoteSecretBox(kind: SecretBox['kind'], post: (request: SecretRequest) => void): SecretBox {
  const ask = (op: SecretRequest['op'], text: string): string => {
    const buffer = new SharedArrayBuffer(BUFFER_BYTES);
    const header = new Int32Array(buffer, 0, 2);
    post({ type: 'secret', op, text, buffer });
    if (Atomics.wait(header, 0, 0, WAIT_MS) === 'timed-out') {
      throw new Error('Kho khóa của hệ điều hành không trả lời; không đọc được mã thiết bị.');
    }
    const answer = new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, header[1]).slice());
    if (Atomics.load(header, 0) === 2) throw new Error(answer);
    return answer;
  };
  return { kind, seal: (secret) => ask('seal', secret), open: (stored) => ask('open', stored) };
}
