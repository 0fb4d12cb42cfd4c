import pg from 'pg';
import type { Logger } from '../../observability/createLogger';

export interface NotificationListener {
  stop(): Promise<void>;
}

/**
 * LISTENs on `channel` with a dedicated connection (outside the pool) and calls `onNotify` for each notification;
 * reconnects after a second when the connection drops, and calls `onNotify` then too (a notification may have been
 * missed). Only a hint: callers keep polling, since PGlite behind its socket never delivers notifications. Does I/O.
 */
export function listenForNotifications(opts: { url: string; channel: string; onNotify: () => void; logger: Logger }): NotificationListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(opts.channel)) throw new Error(`bad notification channel ${opts.channel}`);
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client({ connectionString: opts.url });
    client = next;
    next.on('notification', () => opts.onNotify());
    next.on('error', (err) => {
      opts.logger.warn({ code: 'DB.LISTEN_LOST', channel: opts.channel, err: err.message }, 'notification connection lost');
      void next.end().catch(() => undefined);
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${opts.channel}`);
      if (stopped) await next.end();
      else opts.onNotify();
    } catch (err) {
      opts.logger.warn({ code: 'DB.LISTEN_FAILED', channel: opts.channel, err: err instanceof Error ? err.message : String(err) }, 'could not listen');
      void next.end().catch(() => undefined);
      scheduleReconnect();
    }
  };
  const scheduleReconnect = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1_000);
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
