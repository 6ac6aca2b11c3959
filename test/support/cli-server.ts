// `hailong server` as a child process (the real CLI through tsx), for tests and benchmarks that
// need several server processes or a server to survive while another tool works on its data.
import { spawn, execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(import.meta.dirname, '../..');
const execFileAsync = promisify(execFile);

export interface CliServer {
  url: string;
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `hailong server ARGS --port 0` and resolves with its URL once it listens. */
export async function startCliServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/index.ts', 'server', ...args, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, HAILONG_ADMIN_PASSWORD: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Máy chủ trung tâm: (http:\/\/\S+?)\/\s/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return {
    url,
    pid: child.pid!,
    output: () => out,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      await exit;
    },
  };
}

/** Runs `hailong ARGS` to completion. */
export async function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', 'cli/index.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}
