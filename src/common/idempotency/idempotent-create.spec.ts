import { EntityManager } from 'typeorm';
import { ProblemException } from '../errors/domain-errors';
import { checkedIdempotencyKey } from './idempotency-key';
import { canonicalJson, createOnce, requestFingerprint } from './idempotent-create';

/** A transaction's manager over an in-memory idempotency_keys table. */
function fakeTransaction(rows = new Map<string, Record<string, unknown>>()): EntityManager {
  return {
    queryRunner: { isTransactionActive: true },
    query: (sql: string, params: string[]) => {
      const id = `${params[0]}/${params[1]}`;
      if (sql.startsWith('INSERT')) {
        if (rows.has(id)) return Promise.resolve([]);
        rows.set(id, { scope: params[2], fingerprint: params[3], resourceId: null });
        return Promise.resolve([{ key: params[1] }]);
      }
      if (sql.startsWith('UPDATE')) {
        rows.get(id)!.resourceId = params[2];
        return Promise.resolve([]);
      }
      return Promise.resolve(rows.has(id) ? [rows.get(id)] : []);
    },
  } as unknown as EntityManager;
}

describe('idempotent creates', () => {
  it('fingerprints a request whatever the order of its keys, dates as ISO strings', () => {
    const at = new Date('2026-11-21T17:30:00Z');
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: at } })).toBe(
      '{"a":{"c":"2026-11-21T17:30:00.000Z","d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(requestFingerprint({ reps: 5, weight: 60 })).toBe(
      requestFingerprint({ weight: 60, reps: 5 }),
    );
    expect(requestFingerprint({ reps: 5 })).not.toBe(requestFingerprint({ reps: 6 }));
  });

  it('checks the key: absent is none, malformed a field error', () => {
    expect(checkedIdempotencyKey(undefined)).toBeUndefined();
    expect(checkedIdempotencyKey('device-1:42')).toBe('device-1:42');
    for (const bad of ['', 'has spaces', 'x'.repeat(129), ['a', 'b']]) {
      expect(() => checkedIdempotencyKey(bad)).toThrow(ProblemException);
    }
  });

  it('creates once per key, replays a repeat, refuses a key reused for another request', async () => {
    const tx = fakeTransaction();
    let created = 0;
    const create = () => Promise.resolve(`set-${++created}`);
    const request = {
      userId: 'u1',
      key: 'k1',
      scope: 'workouts.sets.create',
      request: { reps: 5 },
    };

    await expect(createOnce(tx, request, create)).resolves.toEqual({
      id: 'set-1',
      replayed: false,
    });
    await expect(createOnce(tx, request, create)).resolves.toEqual({ id: 'set-1', replayed: true });
    expect(created).toBe(1);

    for (const reused of [
      { ...request, request: { reps: 6 } },
      { ...request, scope: 'workouts.exercises.create' },
    ]) {
      await expect(createOnce(tx, reused, create)).rejects.toMatchObject({
        problemType: 'idempotency-key-reused',
      });
    }
    // Keys are per user, and no key means no bookkeeping.
    await expect(createOnce(tx, { ...request, userId: 'u2' }, create)).resolves.toEqual({
      id: 'set-2',
      replayed: false,
    });
    await expect(createOnce(tx, { ...request, key: undefined }, create)).resolves.toEqual({
      id: 'set-3',
      replayed: false,
    });
  });

  it('refuses to run outside a transaction', async () => {
    const outside = { queryRunner: undefined } as unknown as EntityManager;
    const request = { userId: 'u1', key: 'k1', scope: 's', request: {} };
    await expect(createOnce(outside, request, () => Promise.resolve('x'))).rejects.toThrow(
      /open transaction/,
    );
  });
});
