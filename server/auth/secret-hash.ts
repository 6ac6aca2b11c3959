import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * Password and PIN hashing for the server, in the exact format of electron/core/pin-hash.ts
 * (`scrypt$N$r$p$salt$hash`, a PIN set here is verified offline by the kiosk).
 *
 * Why not libuv's thread pool: each scrypt needs a 16 MB buffer, and glibc keeps one such
 * buffer resident per thread that ever ran it (~64 MB for good once four pool threads have
 * served logins). One dedicated worker thread runs every scrypt synchronously, so at most one
 * buffer stays, and the event loop never waits for a hash.
 */
const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

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

let worker: Worker | null = null;
let nextId = 1;
const jobs = new Map<number, Job>();

function getWorker(): Worker {
  if (worker) return worker;
  // No inherited flags (--input-type, loaders): the source is plain JavaScript either way.
  const created = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  created.unref();
  created.on('message', (message: { id: number; key?: string; error?: string }) => {
    const job = jobs.get(message.id);
    if (!job) return;
    jobs.delete(message.id);
    if (message.key !== undefined) job.resolve(Buffer.from(message.key, 'base64'));
    else job.reject(new Error(message.error ?? 'scrypt failed'));
  });
  created.on('error', (error) => {
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
    worker = null;
  });
  created.on('exit', () => {
    worker = null;
  });
  worker = created;
  return created;
}

function scryptInWorker(secret: string, salt: Buffer, keylen: number, params: { N: number; r: number; p: number }) {
  return new Promise<Buffer>((resolve, reject) => {
    const id = nextId++;
    const thread = getWorker();
    // Keep the process alive only while a hash is being computed.
    thread.ref();
    const settle = () => {
      if (jobs.size === 0) thread.unref();
    };
    jobs.set(id, {
      resolve: (key) => {
        resolve(key);
        settle();
      },
      reject: (error) => {
        reject(error);
        settle();
      },
    });
    thread.postMessage({ id, secret, salt: salt.toString('base64'), keylen, ...params });
  });
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptInWorker(secret, salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptInWorker(secret, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
