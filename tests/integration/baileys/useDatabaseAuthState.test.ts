import { proto } from '@whiskeysockets/baileys';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDatabaseAuthState } from '../../../src/adapters/channels/baileys/useDatabaseAuthState';
import type { Database } from '../../../src/adapters/db/createDatabase';
import { createTestDatabase } from '../../helpers/testDatabase';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

async function countRows(session: string): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM baileys_auth WHERE session = ${session}`.execute(
    database.db,
  );
  return result.rows[0]?.n ?? -1;
}

describe('useDatabaseAuthState', () => {
  it('starts with fresh creds and stores nothing until asked', async () => {
    const { state } = await useDatabaseAuthState(database.db, 'fresh');
    expect(state.creds.registered).toBe(false);
    expect(state.creds.noiseKey.private).toHaveLength(32);
    expect(await countRows('fresh')).toBe(0);
  });

  it('round-trips creds, including their binary keys, through the database', async () => {
    const first = await useDatabaseAuthState(database.db, 'creds-roundtrip');
    first.state.creds.registered = true;
    first.state.creds.me = { id: '573000000000:7@s.whatsapp.net', name: 'Pacto' };
    first.state.creds.routingInfo = Buffer.from([1, 2, 3, 250]);
    await first.saveCreds();

    const second = await useDatabaseAuthState(database.db, 'creds-roundtrip');
    expect(second.state.creds.registered).toBe(true);
    expect(second.state.creds.me?.id).toBe('573000000000:7@s.whatsapp.net');
    expect(Buffer.isBuffer(second.state.creds.noiseKey.private)).toBe(true);
    expect(Buffer.from(second.state.creds.noiseKey.private)).toEqual(Buffer.from(first.state.creds.noiseKey.private));
    expect(Buffer.from(second.state.creds.signedPreKey.signature)).toEqual(
      Buffer.from(first.state.creds.signedPreKey.signature),
    );
    expect(second.state.creds.routingInfo).toEqual(Buffer.from([1, 2, 3, 250]));
    expect(second.state.creds.advSecretKey).toBe(first.state.creds.advSecretKey);
  });

  it('keeps the last saved creds when saves overlap', async () => {
    const auth = await useDatabaseAuthState(database.db, 'creds-order');
    const saves: Array<Promise<void>> = [];
    for (let i = 1; i <= 5; i += 1) {
      auth.state.creds.nextPreKeyId = i;
      saves.push(auth.saveCreds());
    }
    await Promise.all(saves);
    const reloaded = await useDatabaseAuthState(database.db, 'creds-order');
    expect(reloaded.state.creds.nextPreKeyId).toBe(5);
  });

  it('sets, gets and deletes signal keys with Buffers intact', async () => {
    const { state } = await useDatabaseAuthState(database.db, 'keys');
    const preKey = { public: Buffer.from('a1'.repeat(32), 'hex'), private: Buffer.from('b2'.repeat(32), 'hex') };
    const session = Buffer.from('session-bytes');
    await state.keys.set({
      'pre-key': { '1': preKey, '2': preKey },
      session: { '573001112233.0': session },
      'device-list': { '573001112233': ['0', '12'] },
    });

    const preKeys = await state.keys.get('pre-key', ['1', '2', '3']);
    expect(Object.keys(preKeys).sort()).toEqual(['1', '2']);
    expect(Buffer.isBuffer(preKeys['1']?.public)).toBe(true);
    expect(preKeys['1']?.private).toEqual(preKey.private);
    const sessions = await state.keys.get('session', ['573001112233.0']);
    expect(sessions['573001112233.0']).toEqual(session);
    expect((await state.keys.get('device-list', ['573001112233']))['573001112233']).toEqual(['0', '12']);

    // Baileys deletes a used pre-key by setting it to null, and overwrites sessions in place.
    await state.keys.set({ 'pre-key': { '1': null }, session: { '573001112233.0': Buffer.from('newer') } });
    expect(Object.keys(await state.keys.get('pre-key', ['1', '2']))).toEqual(['2']);
    expect((await state.keys.get('session', ['573001112233.0']))['573001112233.0']).toEqual(Buffer.from('newer'));
    expect(await state.keys.get('pre-key', [])).toEqual({});
  });

  it('revives app-state-sync keys as protobuf objects, like the file store does', async () => {
    const { state } = await useDatabaseAuthState(database.db, 'app-state');
    const keyData = proto.Message.AppStateSyncKeyData.fromObject({
      keyData: Buffer.from('secret-key-data'),
      timestamp: 1_700_000_000,
    });
    await state.keys.set({ 'app-state-sync-key': { AAAAAQ: keyData } });
    const found = (await state.keys.get('app-state-sync-key', ['AAAAAQ'])).AAAAAQ;
    expect(found).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(found?.keyData ?? [])).toEqual(Buffer.from('secret-key-data'));
  });

  it('keeps sessions apart and clears only its own', async () => {
    const a = await useDatabaseAuthState(database.db, 'number-a');
    const b = await useDatabaseAuthState(database.db, 'number-b');
    await a.saveCreds();
    await b.saveCreds();
    await a.state.keys.set({ session: { x: Buffer.from('a') } });
    await b.state.keys.set({ session: { x: Buffer.from('b') } });
    expect((await b.state.keys.get('session', ['x'])).x).toEqual(Buffer.from('b'));

    await a.clear();
    expect(await countRows('number-a')).toBe(0);
    expect(await countRows('number-b')).toBe(2);
    const again = await useDatabaseAuthState(database.db, 'number-a');
    expect(again.state.creds.advSecretKey).not.toBe(a.state.creds.advSecretKey);
  });

  it('writes a key set atomically: a failing row leaves none of the batch behind', async () => {
    const { state } = await useDatabaseAuthState(database.db, 'atomic');
    await expect(
      state.keys.set({
        session: { ok: Buffer.from('fine') },
        // A NUL inside a JSON string cannot be stored in jsonb, so PostgreSQL rejects the statement.
        'lid-mapping': { bad: 'nul\u0000inside' },
      }),
    ).rejects.toThrow();
    expect(await state.keys.get('session', ['ok'])).toEqual({});
    // The store keeps working after a failed write.
    await state.keys.set({ session: { ok: Buffer.from('fine') } });
    expect((await state.keys.get('session', ['ok'])).ok).toEqual(Buffer.from('fine'));
  });
});
