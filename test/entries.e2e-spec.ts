import request from 'supertest';
import { DataSource } from 'typeorm';
import type { App } from 'supertest/types';
import { apiClient, Query } from './support/api-client';
import { errorFields, PROBLEM } from './support/problem';
import { registerUser, startApi, TestApi, TestUser } from './support/test-app';

function post(http: App, user: TestUser, body: object, idempotencyKey?: string) {
  const req = apiClient(http, user).post('/entries', body);
  return idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req;
}

function get(http: App, user: TestUser, path: string, query: Query = {}) {
  return apiClient(http, user).get(path, query);
}

/** Follows nextCursor to the end and returns every page's ids. */
async function allPages(http: App, user: TestUser, query: Query): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: Query = cursor ? { ...query, cursor } : query;
    const res: request.Response = await get(http, user, '/entries', page).expect(200);
    pages.push(res.body.items.map((e: { id: string }) => e.id));
    cursor = res.body.meta.nextCursor;
  } while (cursor);
  return pages;
}

describe('journal entries (e2e)', () => {
  let api: TestApi;
  let ada: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    api = await startApi();
    ada = await registerUser(api.http);
    bob = await registerUser(api.http);
  });
  afterAll(() => api.close());

  it('creates an entry with normalised tags and returns it with a Location', async () => {
    const res = await post(api.http, ada, {
      occurredAt: '2026-11-02T07:30:00.000Z',
      type: 'sleep',
      mood: 7,
      energy: 6,
      note: 'Slept well',
      tags: [' Good  Sleep ', 'good sleep', 'Routine'],
      value: 7.5,
      unit: 'h',
    }).expect(201);
    expect(res.body).toMatchObject({
      occurredAt: '2026-11-02T07:30:00.000Z',
      type: 'sleep',
      mood: 7,
      energy: 6,
      note: 'Slept well',
      tags: ['good sleep', 'routine'],
      value: 7.5,
      unit: 'h',
    });
    expect(res.headers.location).toBe(`/api/v1/entries/${res.body.id}`);
    await get(api.http, ada, `/entries/${res.body.id}`).expect(200);
  });

  it('answers what is stored: instants to the millisecond (microseconds dropped), exact values', async () => {
    const { id } = (await post(api.http, ada, { type: 'sleep', value: 1 }).expect(201)).body;
    // Rows written by other means (SQL, a migration) may carry microseconds.
    await api.app.get(DataSource).query(
      `UPDATE entries SET occurred_at = '2026-11-03 07:30:00.123999+00', value = 123456789.0125
          WHERE id = $1`,
      [id],
    );
    const one = (await get(api.http, ada, `/entries/${id}`).expect(200)).body;
    expect(one).toMatchObject({ occurredAt: '2026-11-03T07:30:00.123Z', value: 123456789.0125 });
    const listed = (await get(api.http, ada, '/entries', { to: '2026-11-03T07:30:00.124Z' })).body
      .items;
    expect(listed.find((entry: { id: string }) => entry.id === id)).toEqual(one);
  });

  it('lists a time range newest first with stable cursors, even for equal timestamps', async () => {
    const user = await registerUser(api.http);
    const created: { id: string; occurredAt: string }[] = [];
    // Six entries on three days, two of them at the very same instant.
    for (const occurredAt of [
      '2026-10-01T08:00:00.000Z',
      '2026-10-02T08:00:00.000Z',
      '2026-10-02T08:00:00.000Z',
      '2026-10-02T09:00:00.000Z',
      '2026-10-03T08:00:00.000Z',
      '2026-10-05T08:00:00.000Z',
    ]) {
      created.push(
        (await post(api.http, user, { occurredAt, type: 'mood', mood: 5 }).expect(201)).body,
      );
    }
    const expected = [...created]
      .filter((e) => e.occurredAt >= '2026-10-02' && e.occurredAt < '2026-10-04')
      .sort((a, b) =>
        a.occurredAt === b.occurredAt
          ? b.id.localeCompare(a.id)
          : b.occurredAt.localeCompare(a.occurredAt),
      )
      .map((e) => e.id);

    const pages = await allPages(api.http, user, {
      from: '2026-10-02T00:00:00Z',
      to: '2026-10-04T00:00:00Z',
      limit: 2,
    });
    expect(pages.map((p) => p.length)).toEqual([2, 2]);
    expect(pages.flat()).toEqual(expected);

    const everything = await allPages(api.http, user, { limit: 4 });
    expect(everything.flat()).toHaveLength(6);
    expect(new Set(everything.flat()).size).toBe(6);
  });

  it('filters by tag and by type', async () => {
    const user = await registerUser(api.http);
    await post(api.http, user, {
      type: 'activity',
      tags: ['run'],
      occurredAt: '2026-11-03T07:00:00Z',
    }).expect(201);
    await post(api.http, user, {
      type: 'activity',
      tags: ['swim'],
      occurredAt: '2026-11-04T07:00:00Z',
    }).expect(201);
    await post(api.http, user, {
      type: 'meal',
      tags: ['Run'],
      occurredAt: '2026-11-05T07:00:00Z',
    }).expect(201);

    const byTag = await get(api.http, user, '/entries', { tag: ' RUN ' }).expect(200);
    expect(byTag.body.items.map((e: { type: string }) => e.type)).toEqual(['meal', 'activity']);
    const byType = await get(api.http, user, '/entries', { type: 'activity', tag: 'swim' }).expect(
      200,
    );
    expect(byType.body.items).toHaveLength(1);

    const tags = await get(api.http, user, '/tags').expect(200);
    expect(tags.body).toEqual({
      items: [
        { tag: 'run', count: 2 },
        { tag: 'swim', count: 1 },
      ],
      meta: { page: 1, limit: 20, total: 2, totalPages: 1 },
    });
  });

  it("hides every user's entries from the others: 404 on read, change and delete", async () => {
    const entry = (await post(api.http, ada, { type: 'mood', mood: 4 }).expect(201)).body;
    await get(api.http, bob, `/entries/${entry.id}`).expect(404);
    await apiClient(api.http, bob).patch(`/entries/${entry.id}`, { mood: 9 }).expect(404);
    await apiClient(api.http, bob).delete(`/entries/${entry.id}`).expect(404);
    const bobs = await get(api.http, bob, '/entries').expect(200);
    expect(bobs.body.items.map((e: { id: string }) => e.id)).not.toContain(entry.id);
    expect((await get(api.http, ada, `/entries/${entry.id}`).expect(200)).body.mood).toBe(4);
  });

  it.each([
    ['a mood of 11', { type: 'mood', mood: 11 }, 'mood'],
    ['an energy of 0', { type: 'mood', energy: 0 }, 'energy'],
    ['a date in 2099', { type: 'mood', occurredAt: '2099-01-01T00:00:00Z' }, 'occurredAt'],
    ['a date that is not ISO 8601', { type: 'mood', occurredAt: 'yesterday' }, 'occurredAt'],
    ['500 tags', { type: 'mood', tags: Array.from({ length: 500 }, (_, i) => `tag${i}`) }, 'tags'],
    ['a tag of punctuation', { type: 'mood', tags: ['!!!'] }, 'tags'],
    ['a 1 MB note', { type: 'mood', note: 'x'.repeat(1_000_000) }, 'note'],
    ['an unknown type', { type: 'dance' }, 'type'],
    [
      'an unknown field',
      { type: 'mood', userId: '00000000-0000-4000-8000-000000000000' },
      'userId',
    ],
  ])('rejects %s with a field-level 400', async (_label, body, field) => {
    const res = await post(api.http, ada, body).expect(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(errorFields(res)).toContain(field);
  });

  it('rejects a bad range and a forged cursor with field-level 400s', async () => {
    const range = await get(api.http, ada, '/entries', {
      from: '2026-11-05T00:00:00Z',
      to: '2026-11-01T00:00:00Z',
    }).expect(400);
    expect(range.body.errors).toEqual([{ field: 'to', messages: ['to must be after from'] }]);
    const cursor = await get(api.http, ada, '/entries', { cursor: 'not-a-cursor' }).expect(400);
    expect(cursor.body.errors[0].field).toBe('cursor');
    const limit = await get(api.http, ada, '/entries', { limit: 1000 }).expect(400);
    expect(limit.body.errors[0].field).toBe('limit');
    await get(api.http, ada, '/entries/not-a-uuid').expect(400);
  });

  it('creates one entry for the same Idempotency-Key sent twice', async () => {
    const user = await registerUser(api.http);
    const body = { type: 'meal', note: 'Oatmeal', occurredAt: '2026-11-06T07:00:00Z' };
    const first = await post(api.http, user, body, 'retry-abc-1').expect(201);
    const again = await post(api.http, user, body, 'retry-abc-1').expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await get(api.http, user, '/entries').expect(200)).body.items).toHaveLength(1);

    const concurrent = await Promise.all(
      [1, 2, 3].map(() => post(api.http, user, { ...body, note: 'Eggs' }, 'retry-abc-2')),
    );
    expect(concurrent.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);

    const misuse = await post(
      api.http,
      user,
      { ...body, note: 'Something else' },
      'retry-abc-1',
    ).expect(422);
    expect(misuse.body.type).toBe('urn:fitai:problem:idempotency-key-reused');
    // Keys belong to a user: the same key from someone else is a new entry.
    await post(api.http, ada, body, 'retry-abc-1').expect(201);
    const badKey = await post(api.http, user, body, 'has spaces').expect(400);
    expect(badKey.body.errors[0].field).toBe('Idempotency-Key');
  });

  it('replays a key whatever the order of the fields, and not once its entry is deleted', async () => {
    const user = await registerUser(api.http);
    const first = await post(
      api.http,
      user,
      { type: 'mood', mood: 6, note: 'ok' },
      'reordered-1',
    ).expect(201);
    const reordered = await post(
      api.http,
      user,
      { note: 'ok', mood: 6, type: 'mood' },
      'reordered-1',
    ).expect(200);
    expect(reordered.body.id).toBe(first.body.id);
    expect(reordered.headers.location).toBe(`/api/v1/entries/${first.body.id}`);

    await apiClient(api.http, user).delete(`/entries/${first.body.id}`).expect(204);
    const gone = await post(api.http, user, { type: 'mood', mood: 6, note: 'ok' }, 'reordered-1');
    expect(gone.status).toBe(404);
    expect((await get(api.http, user, '/entries').expect(200)).body.items).toEqual([]);
  });

  it('updates only the given fields, clears with null, and deletes', async () => {
    const entry = (
      await post(api.http, ada, { type: 'mood', mood: 5, note: 'meh', tags: ['work'] }).expect(201)
    ).body;
    const patched = await apiClient(api.http, ada)
      .patch(`/entries/${entry.id}`, { mood: 8, note: null })
      .expect(200);
    expect(patched.body).toMatchObject({ mood: 8, note: null, tags: ['work'], type: 'mood' });
    await apiClient(api.http, ada).patch(`/entries/${entry.id}`, { mood: 12 }).expect(400);
    await apiClient(api.http, ada).delete(`/entries/${entry.id}`).expect(204);
    await get(api.http, ada, `/entries/${entry.id}`).expect(404);
  });
});
