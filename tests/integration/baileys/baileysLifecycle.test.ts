import { Boom } from '@hapi/boom';
import { DEFAULT_CONNECTION_CONFIG, DisconnectReason } from '@whiskeysockets/baileys';
import express from 'express';
import { sql } from 'kysely';
import { pino } from 'pino';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBaileysChannel } from '../../../src/adapters/channels/baileys/createBaileysChannel';
import type { BaileysChannel } from '../../../src/adapters/channels/baileys/createBaileysChannel';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { enqueueInbound } from '../../../src/pipeline/receive/enqueueInbound';
import { createTestDatabase } from '../../helpers/testDatabase';
import { createManualTimers, createTestSocketFactory } from './createTestSocketFactory';
import type { TestSocket } from './createTestSocketFactory';

// Baileys closes connections with a Boom carrying the DisconnectReason as statusCode; so do these tests.
function closeWith(socket: TestSocket | undefined, statusCode: number, message = 'Connection Closed'): void {
  if (!socket) throw new Error('no such socket');
  socket.ev.emit('connection.update', {
    connection: 'close',
    lastDisconnect: { error: new Boom(message, { statusCode }), date: new Date('2026-01-01T00:00:00Z') },
  });
}

function outbound(to: string, body = 'Hola Ana, tu saldo es 120.000 COP') {
  return { outboxId: 'ob-1', channel: 'baileys' as const, to, body };
}

async function authRowCount(db: Database): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM baileys_auth`.execute(db.db);
  return result.rows[0]?.n ?? -1;
}

let database: Database;
let channel: BaileysChannel;
let sockets: TestSocket[];
let timers: ReturnType<typeof createManualTimers>;
let printed: string[];

beforeEach(async () => {
  database = await createTestDatabase();
  const testSockets = createTestSocketFactory();
  sockets = testSockets.sockets;
  timers = createManualTimers();
  printed = [];
  channel = createBaileysChannel({
    db: database.db,
    enqueueInbound: (msg) => enqueueInbound(database.db, msg),
    logger: pino({ level: 'silent' }),
    clock: { now: () => new Date('2026-01-01T00:00:00Z') },
    socketFactory: testSockets.factory,
    timers,
    random: () => 0.5,
    backoff: { initialMs: 1_000, maxMs: 8_000 },
    printQr: (qr) => printed.push(qr),
  });
});

afterEach(async () => {
  await channel.stop();
  await database.close();
});

describe('Baileys connection lifecycle', () => {
  it('shows the login QR in the terminal and on the admin page, then stores the login when paired', async () => {
    await channel.start();
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.input.version).toEqual(DEFAULT_CONNECTION_CONFIG.version);
    expect(sockets[0]?.input.auth.creds.registered).toBe(false);

    sockets[0]?.ev.emit('connection.update', { connection: 'connecting', qr: '2@AbCdEf==,key1,key2,adv' });
    expect(printed).toEqual(['2@AbCdEf==,key1,key2,adv']);
    expect(channel.status()).toMatchObject({ state: 'waiting_for_qr', qr: '2@AbCdEf==,key1,key2,adv' });

    const app = express();
    app.use('/admin/whatsapp', channel.adminRouter());
    const page = await request(app).get('/admin/whatsapp').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('data-state="waiting_for_qr"');
    expect(page.text).toMatch(/<img alt="WhatsApp login QR code" src="data:image\/png;base64,[A-Za-z0-9+/=]{200,}">/);
    expect(page.text).toContain('http-equiv="refresh"');
    expect(page.text).toContain('against WhatsApp');
    const json = await request(app).get('/admin/whatsapp/status.json').expect(200);
    expect(json.body).toMatchObject({ state: 'waiting_for_qr', hasQr: true });
    expect(json.body.qr).toBeUndefined();

    // Pairing: WhatsApp sends the account in creds.update, then asks for a restart (515).
    sockets[0]?.ev.emit('creds.update', { me: { id: '573009998877:4@s.whatsapp.net' }, registered: true });
    await vi.waitFor(async () => expect(await authRowCount(database)).toBe(1), { timeout: 10_000 });
    closeWith(sockets[0], DisconnectReason.restartRequired, 'Stream Errored (restart required)');
    expect(channel.status()).toMatchObject({ state: 'reconnecting', qr: null, lastDisconnectCode: 515 });
    expect(timers.runNext()).toBe(0);
    expect(sockets).toHaveLength(2);
    expect(sockets[1]?.input.auth.creds.registered).toBe(true);

    sockets[1]?.ev.emit('connection.update', { connection: 'open' });
    expect(channel.status()).toMatchObject({ state: 'open', reconnectAttempt: 0, account: '573009998877:4@s.whatsapp.net' });
    const openPage = await request(app).get('/admin/whatsapp').expect(200);
    expect(openPage.text).toContain('data-state="open"');
    expect(openPage.text).not.toContain('<img');
  });

  it('sends text to the JID of the address and returns the WhatsApp message id', async () => {
    await channel.start();
    expect(await channel.channel.send(outbound('+573001112233'))).toMatchObject({
      ok: false,
      error: { code: 'BAILEYS.NOT_CONNECTED', retryable: true },
    });
    sockets[0]?.ev.emit('connection.update', { connection: 'open' });

    const result = await channel.channel.send(outbound('+573001112233'));
    expect(result).toEqual({ ok: true, providerId: expect.stringMatching(/^3EB0TEST/), status: 'sent' });
    await channel.channel.send(outbound('215172391239999@lid', 'Hola'));
    expect(sockets[0]?.sent).toEqual([
      { jid: '573001112233@s.whatsapp.net', text: 'Hola Ana, tu saldo es 120.000 COP' },
      { jid: '215172391239999@lid', text: 'Hola' },
    ]);

    expect(await channel.channel.send(outbound('120363025246125486@g.us'))).toMatchObject({
      ok: false,
      error: { code: 'BAILEYS.BAD_ADDRESS', retryable: false },
    });
    const socket = sockets[0];
    if (!socket) throw new Error('no socket');
    socket.failWith = new Boom('Timed Out', { statusCode: DisconnectReason.timedOut });
    expect(await channel.channel.send(outbound('+573001112233'))).toMatchObject({
      ok: false,
      error: { code: 'BAILEYS.SEND_FAILED', retryable: true },
    });
    socket.failWith = new Boom('forbidden', { statusCode: 403 });
    expect(await channel.channel.send(outbound('+573001112233'))).toMatchObject({
      ok: false,
      error: { code: 'BAILEYS.REJECTED', retryable: false },
    });
  });

  it('reconnects with exponential backoff and jitter after connection errors, and resets once open', async () => {
    await channel.start();
    sockets[0]?.ev.emit('connection.update', { connection: 'open' });

    closeWith(sockets[0], DisconnectReason.connectionClosed);
    expect(channel.status()).toMatchObject({ state: 'reconnecting', reconnectAttempt: 1 });
    expect(await channel.channel.send(outbound('+573001112233'))).toMatchObject({ error: { code: 'BAILEYS.NOT_CONNECTED' } });
    // random() = 0.5 → half the ceiling fixed plus a quarter: 1000 → 750, 2000 → 1500, 4000 → 3000, 8000 (cap) → 6000.
    expect(timers.runNext()).toBe(750);
    closeWith(sockets[1], DisconnectReason.connectionLost);
    expect(timers.runNext()).toBe(1_500);
    closeWith(sockets[2], DisconnectReason.unavailableService);
    expect(timers.runNext()).toBe(3_000);
    closeWith(sockets[3], DisconnectReason.connectionClosed);
    expect(timers.runNext()).toBe(6_000);
    closeWith(sockets[4], DisconnectReason.connectionClosed);
    expect(timers.runNext()).toBe(6_000);
    expect(sockets).toHaveLength(6);

    // A late event from a replaced socket changes nothing.
    closeWith(sockets[1], DisconnectReason.connectionClosed);
    expect(timers.pending.filter((t) => !t.cancelled)).toHaveLength(0);

    sockets[5]?.ev.emit('connection.update', { connection: 'open' });
    expect(channel.status()).toMatchObject({ state: 'open', reconnectAttempt: 0 });
    closeWith(sockets[5], DisconnectReason.connectionClosed);
    expect(timers.runNext()).toBe(750);
  });

  it('on logout deletes the stored login, stops reconnecting, and shows a new QR when started again', async () => {
    await channel.start();
    sockets[0]?.ev.emit('creds.update', { me: { id: '573009998877:4@s.whatsapp.net' }, registered: true });
    sockets[0]?.ev.emit('connection.update', { connection: 'open' });
    await vi.waitFor(async () => expect(await authRowCount(database)).toBe(1), { timeout: 10_000 });

    closeWith(sockets[0], DisconnectReason.loggedOut, 'Connection Failure');
    await vi.waitFor(async () => expect(await authRowCount(database)).toBe(0), { timeout: 10_000 });
    expect(channel.status()).toMatchObject({ state: 'logged_out', account: null, lastDisconnectCode: 401 });
    expect(timers.pending).toHaveLength(0);
    expect(await channel.channel.send(outbound('+573001112233'))).toMatchObject({ error: { code: 'BAILEYS.NOT_CONNECTED' } });

    const app = express();
    app.use('/admin/whatsapp', channel.adminRouter());
    const page = await request(app).get('/admin/whatsapp').expect(200);
    expect(page.text).toContain('data-state="logged_out"');
    expect(page.text).toContain('action="/admin/whatsapp/start"');
    await request(app).post('/admin/whatsapp/start').expect(303).expect('Location', '/admin/whatsapp');

    expect(sockets).toHaveLength(2);
    expect(sockets[1]?.input.auth.creds.registered).toBe(false);
    expect(sockets[1]?.input.auth.creds.me).toBeUndefined();
    sockets[1]?.ev.emit('connection.update', { qr: '2@NewCode==,a,b,c' });
    expect(channel.status()).toMatchObject({ state: 'waiting_for_qr', qr: '2@NewCode==,a,b,c' });
  });

  it('gives up without deleting the login when another session replaces this one', async () => {
    await channel.start();
    sockets[0]?.ev.emit('creds.update', { registered: true });
    await vi.waitFor(async () => expect(await authRowCount(database)).toBe(1), { timeout: 10_000 });
    closeWith(sockets[0], DisconnectReason.connectionReplaced, 'Stream Errored (conflict)');
    expect(channel.status()).toMatchObject({ state: 'failed', lastDisconnectCode: 440 });
    expect(timers.pending).toHaveLength(0);
    expect(await authRowCount(database)).toBe(1);
  });

  it('stops gracefully: cancels a pending reconnect and closes the socket', async () => {
    await channel.start();
    closeWith(sockets[0], DisconnectReason.connectionClosed);
    sockets.length = 0;
    expect(timers.pending).toHaveLength(1);
    await channel.stop();
    expect(timers.pending[0]?.cancelled).toBe(true);
    expect(channel.status().state).toBe('stopped');

    await channel.start();
    const socket = sockets[0];
    await channel.stop();
    expect(socket?.ended).toBe(true);
    // Events after stop are ignored: the socket's listeners are gone.
    socket?.ev.emit('connection.update', { connection: 'open' });
    expect(channel.status().state).toBe('stopped');
  });
});
