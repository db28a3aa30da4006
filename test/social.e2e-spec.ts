import request from 'supertest';
import { DataSource } from 'typeorm';
import { MAX_PENDING_REQUESTS } from '../src/modules/social/social.service';
import { bareAccounts, befriend, Member, uniqueName, verifiedMember } from './support/social';
import { registerClient } from './support/api-client';
import { publishedEventsOf } from './support/domain-events';
import { startApi, TestApi } from './support/test-app';

type Body = Record<string, unknown>;

const PROBLEM = 'urn:fitai:problem:';

describe('social graph: friends, blocks, profiles, search, suggestions (e2e)', () => {
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  const member = (name?: string) => verifiedMember(api, name);
  const ids = (body: { items: { user: { id: string } }[] }) => body.items.map((i) => i.user.id);
  const friendsOf = async (m: Member, status = 'friends') =>
    ids((await m.client.get('/users/friends', { status }).expect(200)).body);

  it('runs the friend lifecycle: request, accept, unfriend, cancel, decline', async () => {
    const [a, b] = await Promise.all([member(), member()]);

    const sent = await a.client.post('/users/friends/request', { userId: b.user.id }).expect(200);
    expect(sent.body).toMatchObject({
      user: { id: b.user.id, displayName: b.name },
      status: 'request_sent',
    });
    // Sending it again answers it as it is: still one request.
    await a.client.post('/users/friends/request', { userId: b.user.id }).expect(200);
    expect(await friendsOf(a, 'request_sent')).toEqual([b.user.id]);
    expect(await friendsOf(b, 'request_received')).toEqual([a.user.id]);
    expect((await b.client.get(`/users/${a.user.id}`).expect(200)).body.relationship).toBe(
      'request_received',
    );

    const accepted = await b.client
      .put(`/users/friends/${a.user.id}`, { action: 'accept' })
      .expect(200);
    expect(accepted.body.status).toBe('friends');
    expect(await friendsOf(a)).toEqual([b.user.id]);
    expect(await friendsOf(b)).toEqual([a.user.id]);
    expect(await friendsOf(b, 'request_received')).toEqual([]);
    const again = await a.client.post('/users/friends/request', { userId: b.user.id }).expect(409);
    expect(again.body.type).toBe(`${PROBLEM}already-friends`);
    // Nothing left to accept.
    await b.client.put(`/users/friends/${a.user.id}`, { action: 'accept' }).expect(404);

    await a.client.delete(`/users/friends/${b.user.id}`).expect(204);
    expect(await friendsOf(a)).toEqual([]);
    expect(await friendsOf(b)).toEqual([]);
    await a.client.delete(`/users/friends/${b.user.id}`).expect(404);

    // Cancelled by its sender.
    await a.client.post('/users/friends/request', { userId: b.user.id }).expect(200);
    await a.client.delete(`/users/friends/${b.user.id}`).expect(204);
    expect(await friendsOf(b, 'request_received')).toEqual([]);

    // Declined by its addressee: no friendship, and the request is over.
    await b.client.post('/users/friends/request', { userId: a.user.id }).expect(200);
    const declined = await a.client
      .put(`/users/friends/${b.user.id}`, { action: 'decline' })
      .expect(200);
    expect(declined.body.status).toBe('none');
    await a.client.put(`/users/friends/${b.user.id}`, { action: 'accept' }).expect(404);
    expect(await friendsOf(a)).toEqual([]);

    // A new request and a new friendship are announced, nothing else (of the social graph: the
    // sign-ins are announced too, for the security notices).
    const social = async (userId: string) =>
      (await publishedEventsOf(db, userId)).filter((e) => !e.name.startsWith('account.'));
    expect(await social(a.user.id)).toEqual([
      {
        name: 'friend-request.sent',
        payload: { userId: a.user.id, addresseeId: b.user.id, requestId: expect.any(String) },
      },
      {
        name: 'friend-request.sent',
        payload: { userId: a.user.id, addresseeId: b.user.id, requestId: expect.any(String) },
      },
    ]);
    expect((await social(b.user.id)).map((e) => e.name)).toEqual([
      'friendship.made',
      'friend-request.sent',
    ]);

    const statuses: { status: string }[] = await db.query(
      `SELECT status FROM friend_requests
        WHERE requester_id = ANY($1) AND addressee_id = ANY($1) ORDER BY created_at`,
      [[a.user.id, b.user.id]],
    );
    expect(statuses.map((r) => r.status)).toEqual(['accepted', 'cancelled', 'declined']);
  });

  it('refuses requests to oneself, unknown users and bad ids, and answers with problems', async () => {
    const a = await member();
    const self = await a.client.post('/users/friends/request', { userId: a.user.id }).expect(400);
    expect(self.body.errors[0].field).toBe('userId');
    await a.client
      .post('/users/friends/request', { userId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    await a.client.post('/users/friends/request', { userId: 'nope' }).expect(400);
    await a.client.put('/users/friends/not-a-uuid', { action: 'accept' }).expect(400);
    await a.client.get('/users/not-a-uuid').expect(400);
    await a.client.post('/users/not-a-uuid/block').expect(400);
    const bad = await a.client.put(`/users/friends/${a.user.id}`, { action: 'maybe' }).expect(400);
    expect(bad.body.errors[0].field).toBe('action');
  });

  it('crossing requests accept each other', async () => {
    const [a, b] = await Promise.all([member(), member()]);
    await a.client.post('/users/friends/request', { userId: b.user.id }).expect(200);
    const crossing = await b.client
      .post('/users/friends/request', { userId: a.user.id })
      .expect(200);
    expect(crossing.body.status).toBe('friends');
    expect(await friendsOf(a)).toEqual([b.user.id]);
    expect(await friendsOf(a, 'request_sent')).toEqual([]);
    expect(await friendsOf(b, 'request_sent')).toEqual([]);
  });

  it('concurrent crossing requests end as one friendship', async () => {
    const [a, b] = await Promise.all([member(), member()]);
    const answers = await Promise.all([
      a.client.post('/users/friends/request', { userId: b.user.id }).expect(200),
      b.client.post('/users/friends/request', { userId: a.user.id }).expect(200),
    ]);
    expect(answers.map((r) => r.body.status).sort()).toEqual(['friends', 'request_sent']);
    expect(await friendsOf(a)).toEqual([b.user.id]);
  });

  it(`caps pending requests at ${MAX_PENDING_REQUESTS}`, async () => {
    const a = await member();
    const targets = await bareAccounts(db, MAX_PENDING_REQUESTS + 1);
    for (const id of targets.slice(0, MAX_PENDING_REQUESTS)) {
      await a.client.post('/users/friends/request', { userId: id }).expect(200);
    }
    const over = await a.client
      .post('/users/friends/request', { userId: targets[MAX_PENDING_REQUESTS] })
      .expect(409);
    expect(over.body).toMatchObject({
      type: `${PROBLEM}pending-requests-limit`,
      limit: MAX_PENDING_REQUESTS,
    });
    // Cancelling one makes room.
    await a.client.delete(`/users/friends/${targets[0]}`).expect(204);
    await a.client
      .post('/users/friends/request', { userId: targets[MAX_PENDING_REQUESTS] })
      .expect(200);
    // The list pages by cursor.
    const first = await a.client
      .get('/users/friends', { status: 'request_sent', limit: 30 })
      .expect(200);
    const second = await a.client
      .get('/users/friends', {
        status: 'request_sent',
        limit: 30,
        cursor: first.body.meta.nextCursor,
      })
      .expect(200);
    const all = [...ids(first.body), ...ids(second.body)];
    expect(new Set(all).size).toBe(MAX_PENDING_REQUESTS);
    expect(second.body.meta.nextCursor).toBeNull();
  });

  it('needs a verified email to send a request; blocking does not', async () => {
    const { client } = await registerClient(api.http);
    const b = await member();
    const refused = await client.post('/users/friends/request', { userId: b.user.id }).expect(403);
    expect(refused.body.type).toBe(`${PROBLEM}email-not-verified`);
    await client.post(`/users/${b.user.id}/block`).expect(204);
  });

  it('finds people by name with typos, friends first, respecting discoverability', async () => {
    const token = uniqueName('Quintessa').split(' ')[1];
    const [me, friend, stranger, hidden] = await Promise.all([
      member(),
      member(`Wilhelmina ${token}`),
      member(`Wilhelmine ${token}`),
      member(`Wilhelmino ${token}`),
    ]);
    await befriend(me, friend);
    await hidden.client.put('/users/preferences', { profileDiscoverable: false }).expect(200);

    // A typo in the token still finds them (trigram similarity).
    const typo = token.slice(0, 4) + token[5] + token[4] + token.slice(6);
    const found = await me.client.get('/users/search', { q: `Wilhelmina ${typo}` }).expect(200);
    const foundIds = found.body.items.map((i: Body) => i.id);
    expect(foundIds[0]).toBe(friend.user.id);
    expect(found.body.items[0].relationship).toBe('friends');
    expect(foundIds).toContain(stranger.user.id);
    expect(foundIds).not.toContain(hidden.user.id);
    expect(foundIds).not.toContain(me.user.id);

    // Paginated, with a total.
    const page = await me.client.get('/users/search', { q: token, limit: 1 }).expect(200);
    expect(page.body.meta).toMatchObject({ limit: 1, total: 2, totalPages: 2 });
    const past = await me.client.get('/users/search', { q: token, limit: 1, page: 3 }).expect(200);
    expect(past.body).toEqual({ items: [], meta: { page: 3, limit: 1, total: 2, totalPages: 2 } });

    // A friend finds an undiscoverable friend.
    await befriend(hidden, friend);
    const byFriend = await friend.client.get('/users/search', { q: token }).expect(200);
    expect(byFriend.body.items.map((i: Body) => i.id)).toContain(hidden.user.id);

    await me.client.get('/users/search', { q: 'x' }).expect(400);
    await me.client.get('/users/search').expect(400);
  });

  it('suggests friends of friends with the reason, never hidden users', async () => {
    const [me, mutual, candidate, hidden] = await Promise.all([
      member(),
      member(),
      member(),
      member(),
    ]);
    await befriend(me, mutual);
    await befriend(mutual, candidate);
    await befriend(mutual, hidden);
    await hidden.client.put('/users/preferences', { profileDiscoverable: false }).expect(200);

    const { body } = await me.client.get('/users/friends/suggestions').expect(200);
    expect(body.items).toEqual([
      {
        user: { id: candidate.user.id, displayName: candidate.name, avatar: null },
        reasons: ['friends_in_common'],
        friendsInCommon: 1,
        templateName: null,
      },
    ]);
    expect(body.meta.total).toBe(1);

    // A pending request takes them out of the suggestions.
    await me.client.post('/users/friends/request', { userId: candidate.user.id }).expect(200);
    expect((await me.client.get('/users/friends/suggestions').expect(200)).body.items).toEqual([]);
  });

  it('suggests the author of a template you train with', async () => {
    const [me, author] = await Promise.all([member(), member()]);
    const [exercise] = await db.query(`SELECT id FROM exercises WHERE status = 'approved' LIMIT 1`);
    const template = await author.client
      .post('/templates', {
        name: 'Shared plan',
        goal: 'strength',
        level: 'beginner',
        visibility: 'public',
        days: [{ name: 'Day 1', exercises: [{ exerciseId: exercise.id, sets: [{ repsMin: 5 }] }] }],
      })
      .expect(201);
    const workout = await me.client.post('/workouts', { templateId: template.body.id }).expect(201);
    await me.client.post(`/workouts/${workout.body.id}/start`).expect(200);
    await me.client.post(`/workouts/${workout.body.id}/complete`).expect(200);

    const { body } = await me.client.get('/users/friends/suggestions').expect(200);
    expect(body.items).toEqual([
      {
        user: { id: author.user.id, displayName: author.name, avatar: null },
        reasons: ['uses_their_template'],
        friendsInCommon: 0,
        templateName: 'Shared plan',
      },
    ]);
  });

  it('shows a profile as privacy allows', async () => {
    const [me, other, friend] = await Promise.all([member(), member(), member()]);
    await other.client.put('/users/profile', { bio: 'Deadlifts on Sundays' }).expect(200);
    await befriend(other, friend);
    const open = await me.client.get(`/users/${other.user.id}`).expect(200);
    expect(open.body).toMatchObject({
      id: other.user.id,
      displayName: other.name,
      bio: 'Deadlifts on Sundays',
      friendCount: 1,
      relationship: 'none',
    });
    await other.client.put('/users/preferences', { profileDiscoverable: false }).expect(200);
    const closed = await me.client.get(`/users/${other.user.id}`).expect(200);
    expect(closed.body).toMatchObject({ bio: null, friendCount: null });
    const byFriend = await friend.client.get(`/users/${other.user.id}`).expect(200);
    expect(byFriend.body).toMatchObject({ bio: 'Deadlifts on Sundays', relationship: 'friends' });
    // The avatar's URLs, once the user has one (set here as an upload would: its digest).
    const digest = 'ab'.repeat(16);
    await db.query('UPDATE users SET avatar_digest = $2 WHERE id = $1', [other.user.id, digest]);
    const withAvatar = await me.client.get(`/users/${other.user.id}`).expect(200);
    expect(withAvatar.body.avatar).toEqual({
      small: `/api/v1/users/${other.user.id}/avatar/${digest}?size=small`,
      medium: `/api/v1/users/${other.user.id}/avatar/${digest}?size=medium`,
      large: `/api/v1/users/${other.user.id}/avatar/${digest}?size=large`,
    });
    expect(open.body.avatar).toBeNull();
    await me.client.get('/users/00000000-0000-4000-8000-000000000000').expect(404);
    // The static routes are not taken for ids.
    await me.client.get('/users/profile').expect(200);
    await me.client.get('/users/preferences').expect(200);
    await me.client.get('/users/blocked').expect(200);
  });

  it('blocking ends the friendship and pending requests, and hides both ways in search, suggestions and profiles', async () => {
    const token = uniqueName('Brontide').split(' ')[1];
    const [a, b, mutual] = await Promise.all([
      member(`Alpha ${token}`),
      member(`Bravo ${token}`),
      member(),
    ]);
    await befriend(a, b);
    await befriend(a, mutual);
    const c = await member();
    await befriend(c, mutual);
    await b.client.post('/users/friends/request', { userId: c.user.id }).expect(200);

    await a.client.post(`/users/${b.user.id}/block`).expect(204);
    await a.client.post(`/users/${b.user.id}/block`).expect(204);
    expect(await friendsOf(a)).toEqual([mutual.user.id]);
    expect(await friendsOf(b)).toEqual([]);
    const blocked = await a.client.get('/users/blocked').expect(200);
    expect(blocked.body.items).toEqual([
      { user: { id: b.user.id, displayName: b.name, avatar: null }, blockedAt: expect.any(String) },
    ]);

    for (const [viewer, other] of [
      [a, b],
      [b, a],
    ]) {
      await viewer.client.get(`/users/${other.user.id}`).expect(404);
      const search = await viewer.client.get('/users/search', { q: token }).expect(200);
      expect(search.body.items.map((i: Body) => i.id)).not.toContain(other.user.id);
      await viewer.client.post('/users/friends/request', { userId: other.user.id }).expect(404);
    }
    // b is a friend of a's friend `mutual`? No: make b a friend of mutual, then check.
    await befriend(b, mutual);
    const suggestionsOfA = await a.client.get('/users/friends/suggestions').expect(200);
    expect(ids(suggestionsOfA.body)).not.toContain(b.user.id);
    expect(ids(suggestionsOfA.body)).toContain(c.user.id);
    const suggestionsOfB = await b.client.get('/users/friends/suggestions').expect(200);
    expect(ids(suggestionsOfB.body)).not.toContain(a.user.id);

    // Unblocking makes them visible again, not friends again.
    await a.client.delete(`/users/${b.user.id}/block`).expect(204);
    await a.client.delete(`/users/${b.user.id}/block`).expect(404);
    expect((await a.client.get(`/users/${b.user.id}`).expect(200)).body.relationship).toBe('none');
  });

  it('a block also ends a pending request either way', async () => {
    const [a, b] = await Promise.all([member(), member()]);
    await b.client.post('/users/friends/request', { userId: a.user.id }).expect(200);
    await a.client.post(`/users/${b.user.id}/block`).expect(204);
    expect(await friendsOf(a, 'request_received')).toEqual([]);
    expect(await friendsOf(b, 'request_sent')).toEqual([]);
  });

  it('answers 401 to anonymous calls on every social route', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const anonymous = [
      request(api.http).get('/api/v1/users/friends'),
      request(api.http).post('/api/v1/users/friends/request').send({ userId: id }),
      request(api.http).get('/api/v1/users/friends/suggestions'),
      request(api.http).put(`/api/v1/users/friends/${id}`).send({ action: 'accept' }),
      request(api.http).delete(`/api/v1/users/friends/${id}`),
      request(api.http).get('/api/v1/users/blocked'),
      request(api.http).post(`/api/v1/users/${id}/block`),
      request(api.http).delete(`/api/v1/users/${id}/block`),
      request(api.http).get('/api/v1/users/search').query({ q: 'ada' }),
      request(api.http).get(`/api/v1/users/${id}`),
    ];
    for (const call of anonymous) await call.expect(401);
  });
});
