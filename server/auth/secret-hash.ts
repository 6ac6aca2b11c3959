import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import {
  PIN_SCRYPT_PARAMS,
  KEY_LENGTH,
  createSecretHasher,
  formatSecretHash,
  parseSecretHash,
  type ScryptFunction,
  type ScryptParams,
} from '../../shared/node/secret-hash.ts';

/**
 * Password and PIN hashing for the server, in the kiosk's format (shared/node/secret-hash.ts:
 * a PIN set here is verified offline by the kiosk).
 *
 * Why not libuv's thread pool: each scrypt needs a 16 MB buffer, and glibc keeps one such
 * buffer resident per thread that ever ran it (~64 MB for good once four pool threads have
 * served logins). One dedicated worker thread runs every scrypt synchronously, so at most one
 * buffer stays, and the event loop never waits for a hash.
 */
const WORKER_SOURCE = `
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const { scryptSync } = process.getBuiltinModule('node:crypto');
parentPort.on('message', (job) => {
  try {
    const key = scryptSync(job.secret, Buffer.from(job.salt, 'base64'), job.keylen, { N: job.N, r: job.r, p: job.p, maxmem: 256 * 1024 * 1024 });
    parentPort.postMessage({ id: job.id, key: key.toString('base64') });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String(error) });
  }
});
`;

interface Job {
  resolve: (key: Buffer) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** The jobs sent to this worker; whatever is left when it dies is rejected, never left hanging. */
  jobs: Map<number, Job>;
}

export interface ScryptWorker {
  run: ScryptFunction;
  /** Stops the thread; jobs in flight are rejected and the next job starts a new thread. */
  terminate: () => Promise<void>;
}

/** One scrypt thread, started on first use and again after it has died. */
export function createScryptWorker(): ScryptWorker {
  let current: Thread | null = null;
  let nextId = 1;

  const fail = (thread: Thread, error: Error) => {
    if (current === thread) current = null;
    const pending = [...thread.jobs.values()];
    thread.jobs.clear();
    for (const job of pending) job.reject(error);
  };

  const start = (): Thread => {
    // No inherited flags (--input-type, loaders): the source is plain JavaScript either way.
    const thread: Thread = { worker: new Worker(WORKER_SOURCE, { eval: true, execArgv: [] }), jobs: new Map() };
    thread.worker.unref();
    thread.worker.on('message', (message: { id: number; key?: string; error?: string }) => {
      const job = thread.jobs.get(message.id);
      if (!job) return;
      thread.jobs.delete(message.id);
      if (message.key !== undefined) job.resolve(Buffer.from(message.key, 'base64'));
      else job.reject(new Error(message.error ?? 'scrypt failed'));
    });
    thread.worker.on('error', (error) => fail(thread, error));
    thread.worker.on('exit', (code) => {
      fail(thread, new Error(`Luồng tính mã băm mật khẩu đã dừng (mã thoát ${code}); hãy thử lại.`));
    });
    current = thread;
    return thread;
  };

  const run: ScryptFunction = (secret: string, salt: Buffer, keylen: number, params: ScryptParams) =>
    new Promise<Buffer>((resolve, reject) => {
      const id = nextId++;
      const thread = current ?? start();
      // Keep the process alive only while a hash is being computed.
      thread.worker.ref();
      const settle = () => {
        if (thread.jobs.size === 0) thread.worker.unref();
      };
      thread.jobs.set(id, {
        resolve: (key) => {
          resolve(key);
          settle();
        },
        reject: (error) => {
          reject(error);
          settle();
        },
      });
      thread.worker.postMessage({ id, secret, salt: salt.toString('base64'), keylen, ...params });
    });

  return {
    run,
    async terminate() {
      if (current) await current.worker.terminate();
    },
  };
}

const scryptWorker = createScryptWorker();
export const { hashSecret, verifySecret } = createSecretHasher(scryptWorker.run);
/** Officer PINs, whose hashes go to kiosks: the expensive PIN setting. They verify with verifySecret. */
export const { hashSecret: hashPin } = createSecretHasher(scryptWorker.run, PIN_SCRYPT_PARAMS);

/**
 * Account passwords cost more than the shared default (issue 9: scrypt N=2^17, 128 MB, about
 * a third of a second per guess here); a hash made with less is replaced at the next login.
 * Officers' PINs keep the kiosk's parameters: a kiosk verifies them offline.
 */
export const PASSWORD_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });
const passwordWorker = createScryptWorker();

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await passwordWorker.run(password, salt, KEY_LENGTH, PASSWORD_SCRYPT_PARAMS);
  return formatSecretHash(PASSWORD_SCRYPT_PARAMS, salt, key);
}

export const { verifySecret: verifyPassword } = createSecretHasher(passwordWorker.run);

/** True when a stored password hash is weaker than PASSWORD_SCRYPT_PARAMS (or not ours). */
export function passwordNeedsRehash(stored: string): boolean {
  const parsed = parseSecretHash(stored);
  return (
    parsed === null ||
    parsed.params.N < PASSWORD_SCRYPT_PARAMS.N ||
    parsed.params.r < PASSWORD_SCRYPT_PARAMS.r ||
    parsed.params.p < PASSWORD_SCRYPT_PARAMS.p
  );
}
