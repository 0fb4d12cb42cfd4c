import type { Server } from 'node:http';
import type express from 'express';

export interface HttpServer {
  server: Server;
  /** Where it listens, as a client would call it (0.0.0.0 / :: shown as 127.0.0.1). */
  url: string;
  /** Stops accepting connections and waits for in-flight requests; idle keep-alive sockets close now, busy ones after 10 s. */
  close(): Promise<void>;
}

/** Listens with `app` on host:port (0 picks a free port), keep-alive longer than common proxies. Does I/O. */
export async function startHttpServer(app: express.Application, opts: { host: string; port: number }): Promise<HttpServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(opts.port, opts.host, (error?: Error) => (error ? reject(error) : resolve(listening)));
    listening.keepAliveTimeout = 65_000;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const host = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      const force = setTimeout(() => server.closeAllConnections(), 10_000);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
  return { server, url, close };
}
