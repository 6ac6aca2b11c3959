// The kiosk core in a worker thread: every SQLite write (and its fsync) happens here, never on
// Electron's main thread, which only carries IPC and windows. Calls arrive already checked for
// their sender; they are validated against the contract again here by dispatch().
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { dispatch } from '../../../shared/contract/dispatch.ts';
import { KioskCore } from '../kiosk-core.ts';
import { printerFromUrl } from '../queue/printer-from-url.ts';
import { remoteSecretBox } from './secret-box-bridge.ts';
import type { CoreWorkerData, FromCoreWorker, ToCoreWorker } from './messages.ts';

function workerPort(): MessagePort {
  if (!parentPort) throw new Error('core-worker.ts runs only as a worker thread');
  return parentPort;
}
const port = workerPort();
const post = (message: FromCoreWorker) => port.postMessage(message);

async function main(data: CoreWorkerData): Promise<void> {
  let core: KioskCore;
  try {
    core = new KioskCore({
      dataDir: data.dataDir,
      printer: printerFromUrl(data.printerUrl),
      ...(data.secretBoxKind ? { secretBox: remoteSecretBox(data.secretBoxKind, post) } : {}),
      exitKiosk: () => post({ type: 'exit-kiosk' }),
    });
    if (data.demo) await core.seedDemo();
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
    return;
  }
  core.onStateChanged((state) => post({ type: 'state', state }));
  port.on('message', (message: ToCoreWorker) => {
    if (message.type === 'close') {
      core.close();
      port.close();
      return;
    }
    void dispatch(core.handlers, message.channel, message.payload, (error) => console.error(error)).then((result) =>
      post({ type: 'result', id: message.id, result }),
    );
  });
  post({ type: 'ready' });
}

void main(workerData as CoreWorkerData);
