import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const listening = /Pacto is listening on (http:\/\/\S+?)(?: |$)/m;

/** A service started as its own OS process with `node --import tsx src/main.ts`, the way `npm start` runs it. */
export interface ServiceProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, connections drop mid-transaction. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`. Resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns the service with the given environment only (plus PATH and HOME), waits for its "Pacto is listening on URL"
 * line (PORT=0 picks a free port) and returns that URL. Rejects with the process output if it exits or stays silent
 * for `timeoutMs`. Starts a process; the caller must stop() or kill() it.
 */
export async function startServiceProcess(name: string, env: Record<string, string>, timeoutMs = 90_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    const onData = () => {
      const match = listening.exec(output);
      if (!match?.[1]) return;
      cleanup();
      resolve(match[1]);
    };
    const onExit = () => fail(`exited (${child.exitCode ?? child.signalCode}) before listening`);
    function fail(reason: string): void {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`service process ${name} ${reason}:\n${output}`));
    }
    function cleanup(): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });

  return {
    name,
    url,
    child,
    output: () => output,
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 30_000) {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
