import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { deleteInBatches } from '../database/delete-in-batches';
import { Problems } from '../errors/problem-types';

/**
 * One create that a client may send more than once (a retry after a lost answer, an offline
 * device syncing): what `createOnce` needs to tell a retry from a new request.
 */
export interface IdempotentRequest {
  userId: string;
  /** The validated Idempotency-Key (IdempotencyKey), or undefined: then nothing is recorded. */
  key: string | undefined;
  /**
   * The kind of create, e.g. `workouts.sets.create`. A key names one request: the same key
   * sent to another route is a reused key (422), even with the same body.
   */
  scope: string;
  /** What the request asks for: the path ids it addresses and its body (after defaults). */
  request: unknown;
}

/** What `createOnce` did: the resource's id, and whether an earlier request created it. */
export interface IdempotentOutcome {
  id: string;
  /** True when the key was used before with this request: nothing new was created. */
  replayed: boolean;
}

/**
 * JSON with object keys sorted at every level, so a retry that lists the same fields in
 * another order has the same fingerprint. Dates are written as ISO strings (their toJSON).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : inner,
  );
}

/** SHA-256 of the request's canonical JSON: what a retry must repeat exactly. */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/**
 * Read-only, before a create prepares anything costly or state-dependent (reads of other
 * modules, computations): the earlier outcome when the key was used with this very request
 * (`replayed`), `422 idempotency-key-reused` when it was used with another, null when it is
 * new (or absent). `createOnce` still claims the key: two new requests may pass this check at
 * once.
 */
export async function earlierOutcome(
  manager: EntityManager,
  idempotent: IdempotentRequest,
): Promise<IdempotentOutcome | null> {
  if (idempotent.key === undefined) return null;
  const [earlier] = (await manager.query(
    'SELECT scope, fingerprint, resource_id AS "resourceId" FROM idempotency_keys WHERE user_id = $1 AND key = $2',
    [idempotent.userId, idempotent.key],
  )) as EarlierKey[];
  return earlier ? replayOf(earlier, idempotent) : null;
}

interface EarlierKey {
  scope: string;
  fingerprint: string;
  resourceId: string | null;
}

/** The earlier request's outcome, or 422 when this is another request under the same key. */
function replayOf(earlier: EarlierKey, idempotent: IdempotentRequest): IdempotentOutcome {
  if (
    earlier.scope !== idempotent.scope ||
    earlier.fingerprint !== requestFingerprint(idempotent.request)
  ) {
    throw Problems.idempotencyKeyReused.exception(
      'This Idempotency-Key was already used with a different request (another body or route).',
    );
  }
  // Claimed and bound in one transaction: a committed key always names its resource.
  return { id: earlier.resourceId!, replayed: true };
}

/**
 * Creates a resource at most once per (user, Idempotency-Key), inside the caller's transaction
 * (`manager` must be one: the key and the resource commit or roll back together).
 *
 * Without a key, `create` simply runs. With one, the key is claimed first in `idempotency_keys`
 * (`INSERT … ON CONFLICT DO NOTHING` on its primary key (user_id, key)):
 *
 * - claimed: `create` runs and the key records the new resource's id;
 * - already there: the earlier request wins. A concurrent retry waits at the claim until the
 *   first transaction ends: if it committed, this one replays its resource (`replayed`, nothing
 *   created); if it rolled back (e.g. a 409), the claim succeeds and this one creates.
 *   The same key with another scope or another request is `422 idempotency-key-reused`.
 *
 * The claim comes before anything else the create checks, so a retry is answered as the
 * first request was even when the resource's state has moved on since (a workout completed).
 * Keys are kept while the account exists (they cascade with the user), so a device that
 * syncs days later still finds its key; the resource they name may have been deleted since,
 * which the caller answers as it sees fit (the routes answer 404).
 */
export async function createOnce(
  manager: EntityManager,
  idempotent: IdempotentRequest,
  create: () => Promise<string>,
): Promise<IdempotentOutcome> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('createOnce needs the manager of an open transaction');
  }
  const { userId, key, scope } = idempotent;
  if (key === undefined) return { id: await create(), replayed: false };
  const fingerprint = requestFingerprint(idempotent.request);
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (user_id, key, scope, fingerprint) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, scope, fingerprint],
  );
  if (claimed.length > 0) {
    const id = await create();
    await manager.query(
      'UPDATE idempotency_keys SET resource_id = $3 WHERE user_id = $1 AND key = $2',
      [userId, key, id],
    );
    return { id, replayed: false };
  }
  const earlier = await earlierOutcome(manager, idempotent);
  // The earlier key's account was deleted between the two statements: nothing to replay.
  if (!earlier) throw new Error('An Idempotency-Key vanished while it was being claimed');
  return earlier;
}

/**
 * Forgets keys older than the retention (IDX_idempotency_keys_created_at): a retry that comes
 * later is a new request. Run by the worker's maintenance queue.
 */
export function pruneIdempotencyKeys(
  db: Parameters<typeof deleteInBatches>[0],
  retentionHours: number,
): Promise<number> {
  return deleteInBatches(
    db,
    'idempotency_keys',
    'created_at < now() - make_interval(hours => $1)',
    [retentionHours],
  );
}
