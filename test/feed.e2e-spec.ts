import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RequestContext } from '../src/common/http/request-context';
import { FeedSubscribers } from '../src/modules/feed/feed.subscribers';
import { UserStatus } from '../src/modules/users/user.vocabulary';
import { BENCH_PRESS, completedWorkout, libraryExerciseIds } from './support/fixtures';
import { domainEventsSettled, publishedEventsOf } from './support/domain-events';
import { bareAccounts, befriend, Member, verifiedMember, verifiedMembers } from './support/social';
import { registerClient } from './support/api-client';
import { eventually, startApi, startWorker, TestApi } from './support/test-app';

type Body = Record<string, unknown> & { id: string };

const PROBLEM = 'urn:fitai:problem:';
const NO_ID = '00000000-0000-4000-8000-000000000000';

describe('feed: activities, privacy, likes, comments (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let bench: string;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    db = api.app.get(DataSource);
    ({ bench } = await libraryExerciseIds(db, { bench: BENCH_PRESS }));
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const member = () => verifiedMember(api);
  const feedIds = async (m: Member, path = '/feed') =>
    (await m.client.get(path).expect(200)).body.items.map((a: Body) => a.id) as string[];

  /** A completed bench session of `m`'s, and its workout activity once the worker made it. */
  async function workoutActivity(
    m: Member,
    weight = 100,
  ): Promise<{ workout: Body; activity: Body }> {
    const workout = (await completedWorkout(m.client, [
      { exerciseId: bench, weight, reps: 5 },
    ])) as Body;
    const activity = await eventually(async () => {
      const { body } = await m.client.get('/feed').expect(200);
      return (body.items as Body[]).find(
        (a) => a.kind === 'workout' && (a.workout as Body).workoutId === workout.id,
      );
    });
    return { workout, activity };
  }

  it('a completed workout becomes an activity with its totals, and its records activities of their own', async () => {
    const owner = await member();
    const { workout, activity } = await workoutActivity(owner, 100);
    expect(activity).toMatchObject({
      kind: 'workout',
      author: { id: owner.user.id, displayName: owner.name, avatar: null },
      visibility: 'friends',
      text: null,
      workout: {
        workoutId: workout.id,
        name: 'Session',
        totalSets: 1,
        totalReps: 5,
        totalVolumeKg: 500,
      },
      personalRecord: null,
      goal: null,
      challenge: null,
      likeCount: 0,
      commentCount: 0,
      likedByMe: false,
    });
    expect(activity.occurredAt).toBe(workout.completedAt);
    const records = await eventually(async () => {
      const { body } = await owner.client.get('/feed').expect(200);
      const found = (body.items as Body[]).filter((a) => a.kind === 'personal_record');
      return found.length > 0 ? found : undefined;
    });
    expect(records[0].personalRecord).toMatchObject({ workoutId: workout.id, exerciseId: bench });
  });

  it('handles re-delivered events idempotently, follows a re-dated workout and drops a deleted one', async () => {
    const owner = await member();
    const { workout, activity } = await workoutActivity(owner);
    await domainEventsSettled(worker);
    const subscribers = worker.get(FeedSubscribers);
    const payload = {
      userId: owner.user.id,
      workoutId: workout.id,
      sessionAt: workout.startedAt as string,
      completedAt: workout.completedAt as string,
    };
    await subscribers.workoutCompleted({
      id: '1',
      name: 'workout.completed',
      payload,
      occurredAt: new Date().toISOString(),
    });
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM activities WHERE workout_id = $1 AND kind = 'workout'`,
      [workout.id],
    );
    expect(n).toBe(1);

    // Moved an hour earlier: the activity follows the session's real end.
    const start = new Date(Date.parse(workout.startedAt as string) - 3_600_000).toISOString();
    const end = new Date(Date.parse(workout.completedAt as string) - 3_600_000).toISOString();
    await owner.client
      .put(`/workouts/${workout.id}`, {
        version: workout.version,
        startedAt: start,
        completedAt: end,
      })
      .expect(200);
    await eventually(async () => {
      const { body } = await owner.client.get(`/feed/${activity.id}`).expect(200);
      return body.occurredAt === end ? true : undefined;
    });

    await owner.client.delete(`/workouts/${workout.id}`).expect(204);
    await owner.client.get(`/feed/${activity.id}`).expect(404);
    // A delivery after the deletion makes nothing.
    await subscribers.workoutCompleted({
      id: '2',
      name: 'workout.completed',
      payload,
      occurredAt: new Date().toISOString(),
    });
    expect(await feedIds(owner)).not.toContain(activity.id);
  });

  it('a friends-only workout activity reaches friends and nobody else; a private one reaches nobody', async () => {
    const [owner, friend, stranger] = await Promise.all([member(), member(), member()]);
    await befriend(owner, friend);
    const { activity } = await workoutActivity(owner);
    expect(activity.visibility).toBe('friends');

    expect(await feedIds(friend)).toContain(activity.id);
    expect(await feedIds(friend, '/feed/friends')).toContain(activity.id);
    expect(await feedIds(owner, '/feed/friends')).not.toContain(activity.id);
    await friend.client.get(`/feed/${activity.id}`).expect(200);
    expect(await feedIds(stranger)).not.toContain(activity.id);
    await stranger.client.get(`/feed/${activity.id}`).expect(404);
    await stranger.client.post(`/feed/${activity.id}/like`).expect(404);
    await stranger.client.post(`/feed/${activity.id}/comments`, { text: 'hi' }).expect(404);

    // Only me: the owner still sees it; nobody else, by any route.
    await owner.client.put('/users/preferences', { activityVisibility: 'only_me' }).expect(200);
    const own = await owner.client.get(`/feed/${activity.id}`).expect(200);
    expect(own.body.visibility).toBe('only_me');
    expect(await feedIds(friend)).not.toContain(activity.id);
    for (const viewer of [friend, stranger]) {
      await viewer.client.get(`/feed/${activity.id}`).expect(404);
      await viewer.client.post(`/feed/${activity.id}/like`).expect(404);
      await viewer.client.get(`/feed/${activity.id}/likes`).expect(404);
      await viewer.client.get(`/feed/${activity.id}/comments`).expect(404);
      await viewer.client.post(`/feed/${activity.id}/comments`, { text: 'hi' }).expect(404);
    }

    // Public: anyone may open it, only friends get it in their feed.
    await owner.client.put('/users/preferences', { activityVisibility: 'public' }).expect(200);
    await stranger.client.get(`/feed/${activity.id}`).expect(200);
    expect(await feedIds(stranger)).not.toContain(activity.id);
  });

  it('sharing sets a caption and narrows the audience, never widens it; unsharing hides it', async () => {
    const [owner, friend, stranger] = await Promise.all([member(), member(), member()]);
    await befriend(owner, friend);
    const { workout, activity } = await workoutActivity(owner);
    const wider = await owner.client
      .post(`/workouts/${workout.id}/share`, { caption: 'Heavy day', visibility: 'public' })
      .expect(400);
    expect(wider.body.errors[0].field).toBe('visibility');
    const shared = await owner.client
      .post(`/workouts/${workout.id}/share`, { caption: 'Heavy day' })
      .expect(200);
    expect(shared.body).toMatchObject({
      id: activity.id,
      text: 'Heavy day',
      visibility: 'friends',
    });
    expect((await friend.client.get(`/feed/${activity.id}`).expect(200)).body.text).toBe(
      'Heavy day',
    );

    await owner.client.delete(`/workouts/${workout.id}/share`).expect(204);
    await friend.client.get(`/feed/${activity.id}`).expect(404);
    const own = await owner.client.get(`/feed/${activity.id}`).expect(200);
    expect(own.body).toMatchObject({ text: null, visibility: 'only_me' });

    // Someone else's workout, a planned one, a bad id.
    await stranger.client.post(`/workouts/${workout.id}/share`, {}).expect(404);
    await stranger.client.delete(`/workouts/${workout.id}/share`).expect(404);
    const planned = await owner.client.post('/workouts', { name: 'Later' }).expect(201);
    const open = await owner.client.post(`/workouts/${planned.body.id}/share`, {}).expect(409);
    expect(open.body.type).toBe(`${PROBLEM}workout-not-completed`);
    await owner.client.post('/workouts/nope/share', {}).expect(400);
  });

  it('hides personal-record numbers from others when the owner says so', async () => {
    const [owner, friend] = await Promise.all([member(), member()]);
    await befriend(owner, friend);
    await owner.client.put('/users/preferences', { showRecordNumbers: false }).expect(200);
    await workoutActivity(owner, 120);
    const record = await eventually(async () => {
      const { body } = await friend.client.get('/feed').expect(200);
      return (body.items as Body[]).find((a) => a.kind === 'personal_record');
    });
    expect(record.personalRecord).toMatchObject({
      exerciseId: bench,
      value: null,
      weightKg: null,
      reps: null,
      previousValue: null,
    });
    const own = await owner.client.get(`/feed/${record.id}`).expect(200);
    expect(typeof own.body.personalRecord.value).toBe('number');
    await owner.client.put('/users/preferences', { showRecordNumbers: true }).expect(200);
    const shown = await friend.client.get(`/feed/${record.id}`).expect(200);
    expect(typeof shown.body.personalRecord.value).toBe('number');
  });

  it('an achieved goal becomes an activity', async () => {
    const owner = await member();
    const goal = await owner.client
      .post('/goals', {
        type: 'strength',
        metric: 'e1rm',
        exerciseId: bench,
        title: 'First bench',
        target: 50,
      })
      .expect(201);
    await owner.client.post(`/goals/${goal.body.id}/complete`).expect(200);
    const activity = await eventually(async () => {
      const { body } = await owner.client.get('/feed').expect(200);
      return (body.items as Body[]).find((a) => a.kind === 'goal_achieved');
    });
    expect(activity.goal).toMatchObject({
      goalId: goal.body.id,
      title: 'First bench',
      type: 'strength',
    });
  });

  it('posts, pages newest first with a cursor, and builds the feed from own and friends activities', async () => {
    const [me, friend, stranger] = await Promise.all([member(), member(), member()]);
    await befriend(me, friend);
    const posted: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const author = i % 2 === 0 ? me : friend;
      const res = await author.client.post('/feed', { text: `post ${i}` }).expect(201);
      expect(res.headers.location).toBe(`/api/v1/feed/${res.body.id}`);
      posted.push(res.body.id);
    }
    await stranger.client.post('/feed', { text: 'not for you', visibility: 'public' }).expect(201);
    const first = await me.client.get('/feed', { limit: 2 }).expect(200);
    const second = await me.client
      .get('/feed', { limit: 2, cursor: first.body.meta.nextCursor })
      .expect(200);
    const all = [...first.body.items, ...second.body.items].map((a: Body) => a.id);
    expect(all).toEqual([...posted].reverse());
    expect(second.body.meta.nextCursor).toBeNull();
    expect(await feedIds(me, '/feed/friends')).toEqual([posted[1]]);
    await me.client.get('/feed', { cursor: 'garbage' }).expect(400);
    await me.client.post('/feed', { text: '' }).expect(400);
    await me.client.post('/feed', { text: 'x', visibility: 'everyone' }).expect(400);
  });

  it('community writes need a verified email and an account in good standing', async () => {
    const { client } = await registerClient(api.http);
    const unverified = await client.post('/feed', { text: 'hello' }).expect(403);
    expect(unverified.body.type).toBe(`${PROBLEM}email-not-verified`);
    const suspended = await member();
    const post = await suspended.client.post('/feed', { text: 'before' }).expect(201);
    await db.query('UPDATE users SET status = $2 WHERE id = $1', [
      suspended.user.id,
      UserStatus.Suspended,
    ]);
    const refused = await suspended.client.post('/feed', { text: 'after' }).expect(403);
    expect(refused.body.type).toBe(`${PROBLEM}account-suspended`);
    await suspended.client.post(`/feed/${post.body.id}/like`).expect(403);
    await suspended.client.post(`/feed/${post.body.id}/comments`, { text: 'x' }).expect(403);
  });

  it('50 concurrent likes count exactly 50; liking twice and unliking are idempotent', async () => {
    const owner = await member();
    const post = await owner.client
      .post('/feed', { text: 'like me', visibility: 'public' })
      .expect(201);
    const likers = await verifiedMembers(api, 50);
    await Promise.all(likers.map((m) => m.client.post(`/feed/${post.body.id}/like`).expect(204)));
    await Promise.all(
      likers.slice(0, 10).map((m) => m.client.post(`/feed/${post.body.id}/like`).expect(204)),
    );
    const counted = await owner.client.get(`/feed/${post.body.id}`).expect(200);
    expect(counted.body.likeCount).toBe(50);
    const [{ n }] = await db.query(
      'SELECT count(*)::int AS n FROM activity_likes WHERE activity_id = $1',
      [post.body.id],
    );
    expect(n).toBe(50);
    await Promise.all(
      likers.slice(0, 5).map((m) => m.client.delete(`/feed/${post.body.id}/like`).expect(204)),
    );
    await likers[0].client.delete(`/feed/${post.body.id}/like`).expect(204);
    expect((await owner.client.get(`/feed/${post.body.id}`).expect(200)).body.likeCount).toBe(45);
    // A like is announced once, however often it is sent.
    const announced = (await publishedEventsOf(db, likers[9].user.id)).filter(
      (event) => event.name === 'activity.liked',
    );
    expect(announced).toEqual([
      { name: 'activity.liked', payload: { userId: likers[9].user.id, activityId: post.body.id } },
    ]);
    const mine = await likers[9].client.get(`/feed/${post.body.id}`).expect(200);
    expect(mine.body.likedByMe).toBe(true);
    const page = await owner.client.get(`/feed/${post.body.id}/likes`, { limit: 40 }).expect(200);
    const rest = await owner.client
      .get(`/feed/${post.body.id}/likes`, { limit: 40, cursor: page.body.meta.nextCursor })
      .expect(200);
    expect(page.body.items.length + rest.body.items.length).toBe(45);
    // Fifty verified members cost a hundred password hashes: minutes on a loaded machine.
  }, 120_000);

  it('comments: written, edited by their author, deleted by the author or the owner', async () => {
    const [owner, friend, other] = await Promise.all([member(), member(), member()]);
    await befriend(owner, friend);
    await befriend(owner, other);
    const post = await owner.client.post('/feed', { text: 'thoughts?' }).expect(201);
    const base = `/feed/${post.body.id}/comments`;
    const c1 = await friend.client.post(base, { text: 'first' }).expect(201);
    expect(c1.headers.location).toBe(`/api/v1${base}/${c1.body.id}`);
    expect(c1.body).toMatchObject({ author: { id: friend.user.id }, text: 'first' });
    const c2 = await other.client.post(base, { text: 'second' }).expect(201);
    expect(await publishedEventsOf(db, other.user.id)).toContainEqual({
      name: 'activity.commented',
      payload: { userId: other.user.id, activityId: post.body.id, commentId: c2.body.id },
    });
    const list = await owner.client.get(base).expect(200);
    expect(list.body.items.map((c: Body) => c.id)).toEqual([c1.body.id, c2.body.id]);
    expect((await owner.client.get(`/feed/${post.body.id}`).expect(200)).body.commentCount).toBe(2);

    const edited = await friend.client.put(`${base}/${c1.body.id}`, { text: 'first!' }).expect(200);
    expect(edited.body.text).toBe('first!');
    await other.client.put(`${base}/${c1.body.id}`, { text: 'hijack' }).expect(404);
    await owner.client.put(`${base}/${c1.body.id}`, { text: 'owner edit' }).expect(404);
    await other.client.delete(`${base}/${c1.body.id}`).expect(404);
    await owner.client.delete(`${base}/${c1.body.id}`).expect(204);
    await other.client.delete(`${base}/${c2.body.id}`).expect(204);
    await other.client.delete(`${base}/${c2.body.id}`).expect(404);
    expect((await owner.client.get(`/feed/${post.body.id}`).expect(200)).body.commentCount).toBe(0);
    await friend.client.post(base, { text: '' }).expect(400);
    await friend.client.put(`${base}/not-a-uuid`, { text: 'x' }).expect(400);
  });

  it("an activity's comments and likes after its author blocks a commenter", async () => {
    const [author, commenter, bystander] = await Promise.all([member(), member(), member()]);
    const post = await author.client
      .post('/feed', { text: 'public', visibility: 'public' })
      .expect(201);
    const base = `/feed/${post.body.id}/comments`;
    const blockedComment = await commenter.client
      .post(base, { text: 'from the commenter' })
      .expect(201);
    await commenter.client.post(`/feed/${post.body.id}/like`).expect(204);
    await bystander.client.post(base, { text: 'from a bystander' }).expect(201);
    const blockersPost = await commenter.client
      .post('/feed', { text: 'mine', visibility: 'public' })
      .expect(201);

    await author.client.post(`/users/${commenter.user.id}/block`).expect(204);

    // The author no longer sees the commenter's comment or like, nor their posts.
    const seenByAuthor = await author.client.get(base).expect(200);
    expect(seenByAuthor.body.items.map((c: Body) => c.text)).toEqual(['from a bystander']);
    const likes = await author.client.get(`/feed/${post.body.id}/likes`).expect(200);
    expect(likes.body.items).toEqual([]);
    // The worker takes the blocked user's like away, and off the count (user.blocked).
    await eventually(async () => {
      const { body } = await author.client.get(`/feed/${post.body.id}`).expect(200);
      return body.likeCount === 0 ? true : undefined;
    });
    const [{ n }] = await db.query(
      'SELECT count(*)::int AS n FROM activity_likes WHERE activity_id = $1',
      [post.body.id],
    );
    expect(n).toBe(0);
    await author.client.get(`/feed/${blockersPost.body.id}`).expect(404);
    // The commenter no longer sees the activity at all, nor can touch it.
    await commenter.client.get(`/feed/${post.body.id}`).expect(404);
    await commenter.client.get(base).expect(404);
    await commenter.client.post(base, { text: 'again' }).expect(404);
    await commenter.client.put(`${base}/${blockedComment.body.id}`, { text: 'edit' }).expect(404);
    await commenter.client.delete(`/feed/${post.body.id}/like`).expect(404);
    // A bystander in no block still sees both comments.
    const seenByBystander = await bystander.client.get(base).expect(200);
    expect(seenByBystander.body.items).toHaveLength(2);
    // The author, owner of the activity, may clear it of the blocked user's comment.
    await commenter.client.delete(`${base}/${blockedComment.body.id}`).expect(404);
    await author.client.delete(`${base}/${blockedComment.body.id}`).expect(204);
    expect((await bystander.client.get(base).expect(200)).body.items).toHaveLength(1);
  });

  it('blocked users are out of each other’s feed, both ways', async () => {
    const [a, b] = await Promise.all([member(), member()]);
    await befriend(a, b);
    const aPost = await a.client.post('/feed', { text: 'a' }).expect(201);
    const bPost = await b.client.post('/feed', { text: 'b' }).expect(201);
    expect(await feedIds(a)).toContain(bPost.body.id);
    await b.client.post(`/users/${a.user.id}/block`).expect(204);
    expect(await feedIds(a)).not.toContain(bPost.body.id);
    expect(await feedIds(b)).not.toContain(aPost.body.id);
  });

  it('IDOR: anonymous calls get 401, others get 404 for what they cannot see', async () => {
    const [owner, friend, stranger] = await Promise.all([member(), member(), member()]);
    await befriend(owner, friend);
    const post = await owner.client.post('/feed', { text: 'friends only' }).expect(201);
    const comment = await friend.client
      .post(`/feed/${post.body.id}/comments`, { text: 'hey' })
      .expect(201);
    const { workout } = await workoutActivity(owner);
    const a = post.body.id;
    const c = comment.body.id;

    const anonymous = [
      request(api.http).get('/api/v1/feed'),
      request(api.http).get('/api/v1/feed/friends'),
      request(api.http).post('/api/v1/feed').send({ text: 'x' }),
      request(api.http).get(`/api/v1/feed/${a}`),
      request(api.http).post(`/api/v1/feed/${a}/like`),
      request(api.http).delete(`/api/v1/feed/${a}/like`),
      request(api.http).get(`/api/v1/feed/${a}/likes`),
      request(api.http).post(`/api/v1/feed/${a}/comments`).send({ text: 'x' }),
      request(api.http).get(`/api/v1/feed/${a}/comments`),
      request(api.http).put(`/api/v1/feed/${a}/comments/${c}`).send({ text: 'x' }),
      request(api.http).delete(`/api/v1/feed/${a}/comments/${c}`),
      request(api.http).post(`/api/v1/workouts/${workout.id}/share`).send({}),
      request(api.http).delete(`/api/v1/workouts/${workout.id}/share`),
    ];
    for (const call of anonymous) await call.expect(401);

    const s = stranger.client;
    await s.get(`/feed/${a}`).expect(404);
    await s.post(`/feed/${a}/like`).expect(404);
    await s.delete(`/feed/${a}/like`).expect(404);
    await s.get(`/feed/${a}/likes`).expect(404);
    await s.post(`/feed/${a}/comments`, { text: 'x' }).expect(404);
    await s.get(`/feed/${a}/comments`).expect(404);
    await s.put(`/feed/${a}/comments/${c}`, { text: 'x' }).expect(404);
    await s.delete(`/feed/${a}/comments/${c}`).expect(404);
    await s.post(`/workouts/${workout.id}/share`, {}).expect(404);
    await s.delete(`/workouts/${workout.id}/share`).expect(404);
    // Unknown ids are 404 too; a comment id under another activity is a 404.
    await s.get(`/feed/${NO_ID}`).expect(404);
    const other = await friend.client.post('/feed', { text: 'other' }).expect(201);
    await friend.client.put(`/feed/${other.body.id}/comments/${c}`, { text: 'x' }).expect(404);
    // Nothing changed.
    const seen = await owner.client.get(`/feed/${a}/comments`).expect(200);
    expect(seen.body.items).toEqual([expect.objectContaining({ id: c, text: 'hey' })]);
    expect((await owner.client.get(`/feed/${a}`).expect(200)).body.likeCount).toBe(0);
  });

  it('answers a feed page with one SQL statement, with 1 friend or 300', async () => {
    /** The statements sent for one request (its X-Request-Id), BEGIN and COMMIT included. */
    async function statementsOf(m: Member, path: string): Promise<string[]> {
      const requestId = `feed-${randomUUID()}`;
      const sent: string[] = [];
      const send = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
      const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (
        this: Client,
        ...args: unknown[]
      ) {
        const [query] = args;
        if (RequestContext.requestId() === requestId) {
          sent.push(typeof query === 'string' ? query : (query as { text: string }).text);
        }
        return send.apply(this, args);
      } as never);
      try {
        const res = await m.client.get(path).set('X-Request-Id', requestId).expect(200);
        expect(res.body.items.length).toBeGreaterThan(0);
      } finally {
        spy.mockRestore();
      }
      return sent;
    }
    for (const friends of [1, 300]) {
      const viewer = await member();
      const ids = await bareAccounts(db, friends);
      await db.query(
        `INSERT INTO friendships (user_id, friend_id)
         SELECT $1::uuid, id FROM unnest($2::uuid[]) AS id
         UNION ALL SELECT id, $1::uuid FROM unnest($2::uuid[]) AS id`,
        [viewer.user.id, ids],
      );
      await db.query(
        `INSERT INTO activities (user_id, kind, visibility, occurred_at, text, details)
         SELECT id, 'post', 'friends', now(), 'hello', '{}'::jsonb FROM unnest($1::uuid[]) AS id`,
        [ids],
      );
      expect(await statementsOf(viewer, '/feed?limit=20')).toHaveLength(1);
      expect(await statementsOf(viewer, '/feed/friends?limit=5')).toHaveLength(1);
    }
  });
});
