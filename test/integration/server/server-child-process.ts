import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * `server-child.ts` in its own process (SQLite file or PostgreSQL URL as `target`): its memory,
 * its crashes and its SIGKILL are its own. Resolves once it prints the address it listens on.
 */
export async function startServerChild(target: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'server-child.ts'), target], {
    cwd: join(import.meta.dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { url, proc };
}
