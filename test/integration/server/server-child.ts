// Runs the central server in its own process so a test can SIGKILL it mid-batch.
import { createServer } from '../../../server/app.ts';

const [target] = process.argv.slice(2);
if (!target) throw new Error('usage: server-child.ts DB_FILE_OR_POSTGRES_URL');
const app = await createServer({
  ...(target.startsWith('postgres') ? { databaseUrl: target } : { dbFile: target }),
  log: () => undefined,
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`LISTENING ${address}\n`);
