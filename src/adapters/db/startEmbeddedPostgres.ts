import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** postgres:// URL of the in-process socket server on 127.0.0.1. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (files under dataDir, or in memory for 'memory://') and serves it over the PostgreSQL wire
 * protocol on 127.0.0.1 with a free port, so the service talks to it through `pg` like to a real server.
 * Does I/O (files, a listening socket). PGlite runs one transaction at a time; the socket server queues the rest.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const pglite = dataDir.startsWith('memory://') ? await PGlite.create() : await PGlite.create({ dataDir });
  // Several connections are allowed so that a tool or a second process can connect; each waits its turn.
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
