import { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { JobName, QueueName } from '../src/infrastructure/queues/job-registry';
import { NotificationDeliveryService } from '../src/modules/notifications/notification-delivery.service';
import { NotificationType } from '../src/modules/notifications/notification-types';
import { NotificationsSubscribers } from '../src/modules/notifications/notifications.subscribers';
import { PublishedDomainEvent } from '../src/infrastructure/events/domain-event-catalogue';
import { RequestContext } from '../src/common/http/request-context';
import { verifiedMember, verifiedMembers } from './support/social';
import { StatementRecorder } from './support/statement-recorder';
import { ApiClient, apiClient, registerClient } from './support/api-client';
import { domainEventsSettled } from './support/domain-events';
import { BENCH_PRESS, completedWorkout, libraryExerciseIds } from './support/fixtures';
import { errorFields } from './support/problem';
import { jobsSettled } from './support/queues';
import { SmtpTestServer } from './support/smtp-test-server';
import { connected, connectSocket, disconnected, listening, TestSocket } from './support/sockets';
import {
  eventually,
  startApi,
  startWorker,
  testConfig,
  TestApi,
  TestUser,
} from './support/test-app';

type Body = Record<string, unknown>;

describe('notifications and real time (e2e)', () => {
  const smtp = new SmtpTestServer();
  let api: TestApi;
  let replica: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let base: string;
  let replicaBase: string;
  let bench: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    const config = testConfig({
      SMTP_URL: await smtp.start(),
      // Long enough for the test to read a notification first, even on a loaded machine.
      NOTIFICATION_EMAIL_DELAY_SECONDS: '5',
      NOTIFICATION_DIGEST_AFTER_SECONDS: '1',
      NOTIFICATION_DIGEST_TICK_MS: '200',
      OUTBOX_POLL_MS: '200',
    });
    api = await startApi(config);
    // A second API process on the same database and Redis (another replica).
    replica = await startApi(config);
    worker = await startWorker(config);
    db = api.app.get(DataSource);
    base = await listening(api);
    replicaBase = await listening(replica);
    ({ bench } = await libraryExerciseIds(db, { bench: BENCH_PRESS }));
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await worker?.close();
    await replica?.close();
    await api?.close();
    await smtp.stop();
  });

  async function socketOf(user: { accessToken: string }, url = base): Promise<TestSocket> {
    const client = connectSocket(url, user.accessToken);
    sockets.push(client);
    await connected(client);
    return client;
  }

  /** A personal record: the user's first session of bench press (three records at once). */
  const setRecords = (client: ApiClient) =>
    completedWorkout(client, [{ exerciseId: bench, weight: 100, reps: 5 }]);

  async function achievedGoal(client: ApiClient): Promise<Body> {
    const goal = (
      await client
        .post('/goals', {
          type: 'strength',
          metric: 'e1rm',
          exerciseId: bench,
          title: 'Bench 120',
          target: 120,
        })
        .expect(201)
    ).body;
    await client.post(`/goals/${goal.id}/complete`).expect(200);
    return goal;
  }

  async function notificationsOf(client: ApiClient, query = {}): Promise<Body[]> {
    return (await client.get('/notifications', query).expect(200)).body.items;
  }

  it('a record set reaches the connected client as notification.created, grouped, and GET /notifications shows it', async () => {
    const { user, client } = await registerClient(api.http);
    const phone = await socketOf(user);
    await setRecords(client);

    const event = await phone.next(
      'notification.created',
      (p) => (p.notification as Body).type === NotificationType.PersonalRecordSet,
    );
    const pushed = event.notification as Body;
    await domainEventsSettled(api.app);
    const [listed] = await notificationsOf(client);
    // The records of one session are one notification, counted.
    expect(listed).toMatchObject({
      id: pushed.id,
      type: 'personal-record.set',
      category: 'progress',
      read: false,
    });
    expect(listed.count).toBeGreaterThanOrEqual(2);
    expect(listed.message).toBe(`You set ${listed.count} new personal records in one session`);
    expect((await client.get('/notifications/unread-count').expect(200)).body).toEqual({
      count: 1,
      hasMore: false,
      label: '1',
    });
    // Idempotent: delivering the events again creates nothing.
    const delivery = worker.get(NotificationDeliveryService);
    const [source] = await db.query(
      'SELECT source_key FROM notification_sources WHERE user_id = $1 LIMIT 1',
      [user.id],
    );
    await delivery.notify({
      userId: user.id,
      type: NotificationType.PersonalRecordSet,
      subjectId: listed.subjectId as string,
      actorId: null,
      sourceKey: source.source_key,
    });
    const again = await notificationsOf(client);
    expect(again).toHaveLength(1);
    expect(again[0].count).toBe(listed.count);
  });

  it('social facts notify: a friend request, its acceptance, a like on a post; nothing across a block', async () => {
    const [ana, bob] = [await verifiedMember(api, 'Ana'), await verifiedMember(api, 'Bob')];
    const anaPhone = await socketOf(ana.user);

    await bob.client.post('/users/friends/request', { userId: ana.user.id }).expect(200);
    const request = await anaPhone.next(
      'notification.created',
      (p) => (p.notification as Body).type === NotificationType.FriendRequestReceived,
    );
    expect((request.notification as Body).message).toContain('Bob');
    await ana.client.put(`/users/friends/${bob.user.id}`, { action: 'accept' }).expect(200);
    await eventually(async () =>
      (await notificationsOf(bob.client)).find(
        (n) => n.type === NotificationType.FriendRequestAccepted,
      ),
    );

    const post = (
      await ana.client.post('/feed', { text: 'PR day', visibility: 'friends' }).expect(201)
    ).body as Body;
    await bob.client.post(`/feed/${post.id}/like`).expect(204);
    const liked = await anaPhone.next(
      'notification.created',
      (p) => (p.notification as Body).type === NotificationType.ActivityLiked,
    );
    expect(liked.notification).toMatchObject({ subjectId: post.id });
    expect((liked.notification as Body).message).toMatch(/Bob liked your post/);
    // Her own like of her own post tells her nothing.
    await ana.client.post(`/feed/${post.id}/like`).expect(204);

    // Once Ana blocked Bob, a late delivery of his comment reaches her not.
    await ana.client.post(`/users/${bob.user.id}/block`).expect(204);
    await worker.get(NotificationsSubscribers).activityReaction({
      id: `late-${post.id}`,
      name: 'activity.commented',
      occurredAt: new Date().toISOString(),
      payload: { userId: bob.user.id, activityId: post.id as string, commentId: post.id as string },
    } as PublishedDomainEvent<'activity.commented'>);
    await domainEventsSettled(api.app);
    const types = (await notificationsOf(ana.client)).map((n) => n.type);
    expect(types.filter((t) => t === NotificationType.ActivityLiked)).toHaveLength(1);
    expect(types).not.toContain(NotificationType.ActivityCommented);
  });

  it('groups repeats with their actors ("Ana and 4 others"), read, read-all, delete, after=', async () => {
    const { user, client } = await registerClient(api.http);
    const delivery = worker.get(NotificationDeliveryService);
    const activityId = '7d0c4a4e-5a8e-4a4f-9a9c-5d9f3b7b1c01';
    const likers: TestUser[] = [];
    for (const name of ['Ana', 'Bo', 'Cy', 'Di', 'Ed']) {
      likers.push(
        (await registerClient(api.http)).user, // display names come from the account
      );
      await db.query('UPDATE users SET display_name = $1 WHERE id = $2', [name, likers.at(-1)!.id]);
    }
    // The social module is not there yet: its subscriber's call, made by hand.
    for (const [i, liker] of likers.entries()) {
      await delivery.notify({
        userId: user.id,
        type: NotificationType.ActivityLiked,
        subjectId: activityId,
        actorId: liker.id,
        sourceKey: `like-${i}`,
        data: { kind: 'workout' },
      });
    }
    const [liked] = await notificationsOf(client);
    expect(liked).toMatchObject({
      type: 'activity.liked',
      count: 5,
      actorCount: 5,
      message: 'Ed and 4 others liked your workout',
    });
    expect((liked.actors as Body[]).map((a) => a.displayName)).toEqual(['Ed', 'Di', 'Cy']);

    const first = await notificationsOf(client);
    const cursor = (await client.get('/notifications').expect(200)).body.meta.newestCursor;
    await delivery.notify({
      userId: user.id,
      type: NotificationType.SummaryReady,
      subjectId: null,
      actorId: null,
      sourceKey: 'summary-1',
    });
    // Catching up: only what is newer than the position held.
    const newer = await notificationsOf(client, { after: cursor });
    expect(newer.map((n) => n.type)).toEqual(['summary.ready']);
    expect(first).toHaveLength(1);

    const read = (await client.put(`/notifications/${liked.id}/read`, {}).expect(200)).body;
    expect(read).toMatchObject({ id: liked.id, read: true });
    expect((await notificationsOf(client, { unread: true })).map((n) => n.type)).toEqual([
      'summary.ready',
    ]);
    // Read: the next like starts a new group.
    await delivery.notify({
      userId: user.id,
      type: NotificationType.ActivityLiked,
      subjectId: activityId,
      actorId: likers[0].id,
      sourceKey: 'like-again',
      data: { kind: 'workout' },
    });
    const [fresh] = await notificationsOf(client, { unread: true });
    expect(fresh).toMatchObject({ message: 'Ana liked your workout', count: 1 });

    const all = (await client.put('/notifications/read-all', {}).expect(200)).body;
    expect(all).toEqual({ updated: 2, unread: { count: 0, hasMore: false, label: '' } });
    await client.delete(`/notifications/${liked.id}`).expect(204);
    expect((await notificationsOf(client)).map((n) => n.id)).not.toContain(liked.id);
    await client.delete(`/notifications/${liked.id}`).expect(404);
    await client.get('/notifications', { after: 'nonsense' }).expect(400);
  });

  it('security notices: a new sign-in and a password change (not the registration), and a finished summary', async () => {
    const { user } = await registerClient(api.http);
    const login = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const session = apiClient(api.http, login.body);
    await session
      .post('/auth/change-password', {
        currentPassword: user.password,
        newPassword: 'another horse battery',
      })
      .expect(204);
    await session.post('/summaries', { period: 'week' }).expect(202);
    const types = await eventually(async () => {
      const listed = (await notificationsOf(session)).map((n) => n.type);
      return listed.length === 3 ? listed : undefined;
    }, 20_000);
    expect(types.sort()).toEqual([
      'security.new-sign-in',
      'security.password-changed',
      'summary.ready',
    ]);
    // The new sign-in is emailed (security notices cannot be turned off); the password change
    // is emailed by the accounts module already.
    await smtp.waitFor(user.email, /New sign-in/, 20_000);
  });

  it("another user's notification is a 404 on every :id route, and anonymous is a 401", async () => {
    const owner = await registerClient(api.http);
    const other = await registerClient(api.http);
    const made = await worker.get(NotificationDeliveryService).notify({
      userId: owner.user.id,
      type: NotificationType.SummaryReady,
      subjectId: null,
      actorId: null,
      sourceKey: 'idor',
    });
    const id = made!.id;
    await other.client.put(`/notifications/${id}/read`, {}).expect(404);
    await other.client.delete(`/notifications/${id}`).expect(404);
    await request(api.http).put(`/api/v1/notifications/${id}/read`).expect(401);
    await request(api.http).delete(`/api/v1/notifications/${id}`).expect(401);
    await request(api.http).get('/api/v1/notifications').expect(401);
    expect((await notificationsOf(owner.client))[0]).toMatchObject({ id, read: false });
  });

  it('a fact that makes no group, delivered twice or twice at once, makes one notification; the badge counts it once', async () => {
    const { user, client } = await registerClient(api.http);
    const delivery = worker.get(NotificationDeliveryService);
    const occurrence = (sourceKey: string) => ({
      userId: user.id,
      type: NotificationType.SummaryReady,
      subjectId: null,
      actorId: null,
      sourceKey,
      data: { summaryId: '00000000-0000-4000-8000-000000000001' },
    });
    const socket = await socketOf(user);
    const heard = () => socket.received.filter((r) => r.event === 'notification.created');
    const first = await delivery.notify(occurrence('once'));
    const again = await delivery.notify(occurrence('once'));
    const together = await Promise.all([
      delivery.notify(occurrence('together')),
      delivery.notify(occurrence('together')),
    ]);
    expect(again!.id).toBe(first!.id);
    expect(together[0]!.id).toBe(together[1]!.id);
    const listed = await notificationsOf(client);
    expect(listed.map((n) => n.id).sort()).toEqual([first!.id, together[0]!.id].sort());
    expect((await client.get('/notifications/unread-count').expect(200)).body.count).toBe(2);
    // Each delivery repeats the socket event (idempotent for the client: same id, same badge).
    await eventually(async () => (heard().length === 4 ? true : undefined), 10_000);
    expect(heard().map((e) => (e.payload.unread as Body).count)).toEqual([1, 1, 2, 2]);
  });

  it('a fact that makes no group follows the settings a user stored for its type (written with the defaults otherwise)', async () => {
    const { user, client } = await registerClient(api.http);
    const delivery = worker.get(NotificationDeliveryService);
    const summaryReady = (sourceKey: string) =>
      delivery.notify({
        userId: user.id,
        type: NotificationType.SummaryReady,
        subjectId: null,
        actorId: null,
        sourceKey,
        data: { summaryId: '00000000-0000-4000-8000-000000000002' },
      });
    const stored = async (items: object[]) =>
      client.put('/notifications/preferences', { items }).expect(200);
    const digestPending = async (id: string) =>
      (await db.query('SELECT digest_pending FROM notifications WHERE id = $1', [id]))[0]
        .digest_pending as boolean;

    // Defaults (in-app, no email).
    const byDefault = await summaryReady('defaults');
    expect(byDefault).toMatchObject({ inApp: true });
    expect(await digestPending(byDefault!.id)).toBe(false);
    // Both channels turned off: nothing at all.
    await stored([{ type: 'summary.ready', inApp: false, email: 'off' }]);
    expect(await summaryReady('off')).toBeNull();
    // Only a daily digest: out of the list, waiting for the digest.
    await stored([{ type: 'summary.ready', inApp: false, email: 'daily' }]);
    const digestOnly = await summaryReady('digest');
    expect(digestOnly).toMatchObject({ inApp: false });
    expect(await digestPending(digestOnly!.id)).toBe(true);
    // Redelivered under stored settings: still one.
    expect((await summaryReady('digest'))!.id).toBe(digestOnly!.id);
    expect((await notificationsOf(client)).map((n) => n.id)).toEqual([byDefault!.id]);
  });

  it("looks the actor's name up once per delivery, whatever the writes (a stored setting, a redelivery)", async () => {
    const [recipient, actor] = await verifiedMembers(api, 2);
    // A stored setting for an ungrouped social type: the write with the defaults yields to it.
    await recipient.client
      .put('/notifications/preferences', {
        items: [{ type: 'friend-request.received', inApp: true, email: 'off' }],
      })
      .expect(200);
    const delivery = worker.get(NotificationDeliveryService);
    const statements = new StatementRecorder();
    statements.start();
    const lookups = async (requestId: string) => {
      const made = await RequestContext.run({ requestId }, () =>
        delivery.notify({
          userId: recipient.user.id,
          type: NotificationType.FriendRequestReceived,
          subjectId: actor.user.id,
          actorId: actor.user.id,
          sourceKey: `actor-once-${recipient.user.id}`,
        }),
      );
      expect(made).toMatchObject({ actors: [{ id: actor.user.id }] });
      return statements
        .sentFor(requestId)
        .filter((sql) => /^SELECT .*"display_name".* FROM "users"/.test(sql)).length;
    };
    try {
      // Written under the stored setting (two writes), then redelivered (three).
      expect(await lookups(`actor-once-first-${actor.user.id}`)).toBe(1);
      expect(await lookups(`actor-once-again-${actor.user.id}`)).toBe(1);
    } finally {
      statements.stop();
    }
  });

  it('caps the unread count at 99+', async () => {
    const { user, client } = await registerClient(api.http);
    await db.query(
      `INSERT INTO notifications (user_id, type, group_key, first_at, latest_at)
       SELECT $1, 'summary.ready', 'summary.ready', now(), now() FROM generate_series(1, 120)`,
      [user.id],
    );
    expect((await client.get('/notifications/unread-count').expect(200)).body).toEqual({
      count: 99,
      hasMore: true,
      label: '99+',
    });
  });

  it('validates preferences: unknown types, duplicates and security notices are 400s', async () => {
    const { client } = await registerClient(api.http);
    const defaults = (await client.get('/notifications/preferences').expect(200)).body.items;
    expect(defaults.find((p: Body) => p.type === 'security.new-sign-in')).toMatchObject({
      inApp: true,
      email: 'immediate',
      locked: true,
    });
    const unknown = await client
      .put('/notifications/preferences', { items: [{ type: 'nope', email: 'off' }] })
      .expect(400);
    expect(errorFields(unknown)).toContain('items.0.type');
    const locked = await client
      .put('/notifications/preferences', {
        items: [{ type: 'security.password-changed', inApp: false }],
      })
      .expect(400);
    expect(errorFields(locked)).toEqual(['items.0.inApp']);
    const twice = await client
      .put('/notifications/preferences', {
        items: [
          { type: 'goal.achieved', email: 'off' },
          { type: 'goal.achieved', email: 'daily' },
        ],
      })
      .expect(400);
    expect(errorFields(twice)).toEqual(['items.1.type']);
    await client
      .put('/notifications/preferences', { items: [{ type: 'goal.achieved', mail: 'off' }] })
      .expect(400);
    const changed = (
      await client
        .put('/notifications/preferences', { items: [{ type: 'goal.achieved', email: 'daily' }] })
        .expect(200)
    ).body.items;
    expect(changed.find((p: Body) => p.type === 'goal.achieved')).toMatchObject({
      inApp: true,
      email: 'daily',
    });
  });

  it('emails a goal achieved after the delay, not when read first, and its unsubscribe link turns the type off', async () => {
    const { user, client } = await registerClient(api.http);
    await achievedGoal(client);
    const mail = await smtp.waitFor(user.email, /Goal achieved/, 20_000);
    expect(mail.text).toContain('Stop these emails');
    const headerOf = (key: string) =>
      mail.headerLines.find((line) => line.key === key)?.line.replace(/^[^:]+:\s*/, '');
    const header = headerOf('list-unsubscribe')!;
    expect(headerOf('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const url = new URL(header.replace(/^<|>$/g, ''));
    expect(url.pathname).toBe('/api/v1/notifications/unsubscribe');
    const token = url.searchParams.get('token')!;

    // Read in the app before the delay ends: no email.
    const second = await achievedGoal(client);
    const notification = await eventually(async () =>
      (await notificationsOf(client)).find((n) => (n.data as Body).goalId === second.id),
    );
    await client.put(`/notifications/${notification.id}/read`, {}).expect(200);
    await jobsSettled(worker, QueueName.Notifications, 20_000);
    expect(smtp.count(user.email, /Goal achieved/)).toBe(1);

    // The link shows, then one click (RFC 8058: a form POST, no sign-in) turns the type off.
    const shown = await request(api.http)
      .get('/api/v1/notifications/unsubscribe')
      .query({ token })
      .expect(200);
    expect(shown.body.items).toEqual([{ type: 'goal.achieved', email: 'immediate' }]);
    await request(api.http)
      .post('/api/v1/notifications/unsubscribe')
      .query({ token })
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200, { items: [{ type: 'goal.achieved', email: 'off' }] });
    await request(api.http)
      .post('/api/v1/notifications/unsubscribe')
      .query({ token: `${token}x` })
      .expect(400);
    const third = await achievedGoal(client);
    await eventually(async () =>
      (await notificationsOf(client)).find((n) => (n.data as Body).goalId === third.id),
    );
    await jobsSettled(worker, QueueName.Notifications, 20_000);
    expect(smtp.count(user.email, /Goal achieved/)).toBe(1);
  });

  it('gathers daily notifications into one digest email', async () => {
    const { user, client } = await registerClient(api.http);
    await client
      .put('/notifications/preferences', { items: [{ type: 'goal.achieved', email: 'daily' }] })
      .expect(200);
    await achievedGoal(client);
    await achievedGoal(client);
    const digest = await smtp.waitFor(user.email, /Your FitAI day/, 20_000);
    expect(digest.text).toContain('Goal achieved');
    expect(digest.headerLines.map((line) => line.key)).toContain('list-unsubscribe');
  });

  it('prunes old read notifications only', async () => {
    const { user } = await registerClient(api.http);
    await db.query(
      `INSERT INTO notifications (user_id, type, group_key, first_at, latest_at, read_at)
       VALUES ($1, 'summary.ready', 'a', now() - interval '40 days', now() - interval '40 days', now()),
              ($1, 'summary.ready', 'b', now() - interval '40 days', now() - interval '40 days', NULL),
              ($1, 'summary.ready', 'c', now() - interval '1 day', now() - interval '1 day', now())`,
      [user.id],
    );
    await worker.get(NotificationDeliveryService).prune();
    const left = await db.query(
      'SELECT group_key FROM notifications WHERE user_id = $1 ORDER BY group_key',
      [user.id],
    );
    expect(left.map((r: Body) => r.group_key)).toEqual(['b', 'c']);
    // The recurring job exists.
    const repeatable = await worker
      .get(JobQueue)
      .queue(QueueName.Notifications)
      .getRepeatableJobs();
    expect(repeatable.map((j) => j.name)).toEqual(
      expect.arrayContaining([JobName.PruneNotifications, JobName.TickNotificationDigests]),
    );
  });

  it('refuses forged and expired tokens, and drops a revoked session’s socket within a second', async () => {
    const { user } = await registerClient(api.http);
    const forged = connectSocket(base, `${user.accessToken.slice(0, -4)}AAAA`);
    sockets.push(forged);
    await expect(connected(forged)).rejects.toThrow(/invalid or expired/);
    const none = connectSocket(base, '');
    sockets.push(none);
    await expect(connected(none)).rejects.toThrow(/required/);
    const expired = connectSocket(
      base,
      new JwtService().sign(
        {
          sub: user.id,
          sid: 'x',
          role: 'user',
          ev: false,
          exp: Math.floor(Date.now() / 1000) - 10,
        },
        { secret: api.config.auth.accessSecret, algorithm: 'HS256' },
      ),
    );
    sockets.push(expired);
    await expect(connected(expired)).rejects.toThrow(/invalid or expired/);

    // Connected on the other replica; signed out through this one.
    const phone = await socketOf(user, replicaBase);
    const started = Date.now();
    await apiClient(api.http, user).post('/auth/logout').expect(204);
    await disconnected(phone, 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    const again = connectSocket(base, user.accessToken);
    sockets.push(again);
    await expect(connected(again)).rejects.toThrow(/signed out/);
  });

  it('two replicas share rooms: a client on one hears what the other and the worker caused', async () => {
    const { user, client } = await registerClient(api.http);
    const onReplica = await socketOf(user, replicaBase);
    // Caused through replica 1 (this API): a read-all with something unread.
    const made = await worker.get(NotificationDeliveryService).notify({
      userId: user.id,
      type: NotificationType.SummaryReady,
      subjectId: null,
      actorId: null,
      sourceKey: 'replicas',
    });
    // Emitted by the worker.
    await onReplica.next('notification.created', (p) => (p.notification as Body).id === made!.id);
    await client.put(`/notifications/${made!.id}/read`, {}).expect(200);
    const read = await onReplica.next('notification.read');
    expect(read).toMatchObject({ ids: [made!.id], unread: { count: 0 } });
  });

  it('a replica shutting down closes its sockets and still closes gracefully', async () => {
    const { user } = await registerClient(api.http);
    const leaving = await startApi(api.config);
    const socket = await socketOf(user, await listening(leaving));
    await leaving.close();
    await disconnected(socket, 5_000);
    expect(socket.socket.connected).toBe(false);
  });

  it('live workout sync: a set logged on device 1 reaches device 2 with the new version, not device 1', async () => {
    const { user, client } = await registerClient(api.http);
    const device1 = await socketOf(user);
    const device2 = await socketOf(user, replicaBase);
    const workout = (await client.post('/workouts', { name: 'Push' }).expect(201)).body;
    await client.post(`/workouts/${workout.id}/exercises`, { exerciseId: bench }).expect(201);
    await client.post(`/workouts/${workout.id}/start`).expect(200);
    const logged = await request(api.http)
      .post(`/api/v1/workouts/${workout.id}/exercises/${bench}/sets`)
      .auth(user.accessToken, { type: 'bearer' })
      .set('X-Socket-Id', device1.socket.id!)
      .send({ weight: 60, reps: 8 })
      .expect(201);
    const version = logged.body.workoutVersion;
    const update = await device2.next(
      'workout.updated',
      (p) => p.id === workout.id && p.version === version,
    );
    expect(update).toEqual({ id: workout.id, version, deleted: false });
    // Device 1 heard the changes it did not name itself as making, never its own set.
    await client.post(`/workouts/${workout.id}/pause`).expect(200);
    await device1.next('workout.updated', (p) => p.version === version + 1);
    expect(
      device1.received.filter(
        (r) => r.event === 'workout.updated' && r.payload.version === version,
      ),
    ).toEqual([]);
  });
});
