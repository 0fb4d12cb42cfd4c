import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** A PostgreSQL cluster of its own (initdb) on a free port of 127.0.0.1, for a bench that must restart its server. */
export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** Stops the server the way a crash would (immediate: no checkpoint, recovery from WAL at the next start), then starts it. */
  restart(): Promise<void>;
  /** Stops the server and removes its files. */
  remove(): Promise<void>;
}

/**
 * Creates a cluster with initdb in a fresh temporary directory (trust auth, user postgres) and starts it on a free port,
 * listening on 127.0.0.1 only. initdb refuses root, so as root the cluster belongs to the `postgres` system user (run
 * through runuser). Does I/O (processes, files); the caller must remove() it.
 */
export async function startThrowawayPostgres(opts: { settings?: Record<string, string> } = {}): Promise<ThrowawayPostgres> {
  const root = await mkdtemp(join(tmpdir(), 'pacto-pg-'));
  const dataDir = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  await chmod(root, 0o777);
  const as = async (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]) : run(join(BIN, cmd), args));
  await as('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const settings = { listen_addresses: '127.0.0.1', port: String(port), unix_socket_directories: root, max_connections: '200', ...opts.settings };
  const options = Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`).join(' ');
  const start = () => as('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'server.log'), '-w', '-t', '60', 'start']);
  const stop = (mode: 'fast' | 'immediate') => as('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async restart() {
      await stop('immediate');
      await start();
    },
    async remove() {
      await stop('fast').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A TCP port nobody listens on right now (asked of the kernel with port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
