// `hailong server` as a child process (the real CLI through tsx), for tests and benchmarks that
// need several server processes or a server to survive while another tool works on its data.
import { spawn, execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = join(import.meta.dirname, '../..');
const execFileAsync = promisify(execFile);

/** A `hailong` child process that printed its address. */
export interface CliProcess {
  url: string;
  pid: number;
  output: () => string;
  /** SIGTERM, as an operator stopping it. */
  stop: () => Promise<void>;
  /** SIGKILL, as a power cut: nothing is flushed or closed. */
  kill: () => Promise<void>;
}

export type CliServer = CliProcess;

/**
 * The command line to run: the compiled CLI (`bin/hailong.mjs`, what an installation runs, so a
 * benchmark measures its memory, not tsx's) when asked and built, else the sources through tsx.
 */
function cliEntry(compiled: boolean): string[] {
  if (compiled && existsSync(join(ROOT, 'dist/cli/index.js'))) return ['bin/hailong.mjs'];
  return ['--import', 'tsx', 'cli/index.ts'];
}

/** Starts `hailong ARGS` and resolves with the first address matched by `urlPattern` (group 1). */
export async function startCliProcess(
  args: string[],
  urlPattern: RegExp,
  env: NodeJS.ProcessEnv = {},
  options: { compiled?: boolean } = {},
): Promise<CliProcess> {
  const child = spawn(process.execPath, [...cliEntry(options.compiled ?? false), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
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
      const match = urlPattern.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`hailong ${args[0] ?? ''} exited ${String(code)}: ${out}`)));
  });
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (exited) return;
    child.kill(signal);
    await exit;
  };
  return { url, pid: child.pid!, output: () => out, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** Starts `hailong server ARGS --port PORT` (a free one by default) and resolves once it listens. */
export async function startCliServer(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  port = 0,
  options: { compiled?: boolean } = {},
): Promise<CliServer> {
  return startCliProcess(
    ['server', ...args, '--port', String(port)],
    /Máy chủ trung tâm: (http:\/\/\S+?)\/\s/,
    { HAILONG_ADMIN_PASSWORD: '', ...env },
    options,
  );
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
