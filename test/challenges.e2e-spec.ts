import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ChallengesService } from '../src/modules/challenges/challenges.service';
import { addDays, localDate } from '../src/common/time/local-date';
import { ApiClient } from './support/api-client';
import { domainEventsSettled } from './support/domain-events';
import { BENCH_PRESS, libraryExerciseIds } from './support/fixtures';
import { PROBLEM } from './support/problem';
import { befriend, Member, verifiedMembers } from './support/social';
import { eventually, startApi, startWorker, TestApi } from './support/test-app';

type Body = Record<string, unknown>;
const DAY_MS = 86_400_000;

jest.setTimeout(120_000);

describe('challenges (e2e)', () => {
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

  const today = () => localDate('UTC');

  /** A session held `daysAgo` days ago (logged now, after the fact): sets of `weight` × `reps`. */
  async function pastWorkout(
    client: ApiClient,
    daysAgo: number,
    sets: { weight: number; reps: number }[],
  ): Promise<Body> {
    const startedAt = new Date(Date.now() - daysAgo * DAY_MS - 2 * 3600_000);
    const completedAt = new Date(startedAt.getTime() + 3600_000);
    const res = await client
      .post('/workouts', {
        name: 'Logged later',
        startedAt: startedAt.toISOString(),
        completedAt: completedAt.toISOString(),
        exercises: [{ exerciseId: bench, sets }],
      })
      .expect(201);
    expect(res.body.status).toBe('completed');
    return res.body;
  }

  async function createChallenge(creator: Member, body: Body = {}): Promise<Body> {
    const res = await creator.client
      .post('/challenges', {
        title: 'Volume week',
        kind: 'volume',
        visibility: 'public',
        startsOn: addDays(today(), -6),
        endsOn: addDays(today(), 1),
        ...body,
      })
      .expect(201);
    expect(res.headers.location).toBe(`/api/v1/challenges/${res.body.id}`);
    return res.body;
  }

  it('ranks a volume challenge from the workouts in its window (late, outside, deleted) and closes it once', async () => {
    const [ada, bob, cyd] = await verifiedMembers(api, 3);
    const challenge = await createChallenge(ada);
    for (const member of [ada, bob, cyd]) {
      await member.client.post(`/challenges/${challenge.id}/join`).expect(200);
    }
    // Joining twice is a no-op.
    const again = await bob.client.post(`/challenges/${challenge.id}/join`).expect(200);
    expect(again.body).toMatchObject({ joined: true, participantCount: 3 });

    // Ada: one session logged late, within the window: 3 × 100 kg × 5 = 1500 kg.
    await pastWorkout(ada.client, 2, [
      { weight: 100, reps: 5 },
      { weight: 100, reps: 5 },
      { weight: 100, reps: 5 },
    ]);
    // Bob: two sessions within: 800 + 900 = 1700 kg.
    await pastWorkout(bob.client, 4, [{ weight: 80, reps: 10 }]);
    await pastWorkout(bob.client, 1, [{ weight: 90, reps: 10 }]);
    // Cyd: 600 kg within; 5000 kg before the window (not counted); 3000 kg within, then deleted.
    await pastWorkout(cyd.client, 3, [{ weight: 60, reps: 10 }]);
    await pastWorkout(cyd.client, 9, [{ weight: 100, reps: 50 }]);
    const deleted = await pastWorkout(cyd.client, 2, [{ weight: 100, reps: 30 }]);
    await cyd.client.delete(`/workouts/${deleted.id}`).expect(204);

    const volumes: Record<string, number> = {
      [ada.user.id]: 1500,
      [bob.user.id]: 1700,
      [cyd.user.id]: 600,
    };
    // The ranks as the test computes them: most volume first.
    const sorted = Object.entries(volumes).sort(([, a], [, b]) => b - a);
    const expected = sorted.map(([id, progress], i) => ({ id, progress, rank: i + 1 }));

    let last: unknown;
    const board = await eventually(async () => {
      await domainEventsSettled(api.app);
      const res = await ada.client.get(`/challenges/${challenge.id}/leaderboard`).expect(200);
      const items = (res.body.items as Body[]).map((row) => ({
        id: (row.user as Body).id,
        progress: row.progress,
        rank: row.rank,
      }));
      last = items;
      return JSON.stringify(items) === JSON.stringify(expected) ? res.body : undefined;
    }, 30_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(last)} != ${JSON.stringify(expected)}`);
    });
    expect(board.meta).toMatchObject({ total: 3 });
    expect(board.me).toMatchObject({ rank: 2, progress: 1500 });
    expect(board.status).toBe('open');

    // Its end passes (and the grace after it): the close job, run twice, closes it once.
    await db.query(`UPDATE challenges SET ends_at = now() - interval '61 minutes' WHERE id = $1`, [
      challenge.id,
    ]);
    const challenges = worker.get(ChallengesService);
    const first = await challenges.closeDue();
    expect(first).toContain(challenge.id);
    expect(await challenges.closeDue()).not.toContain(challenge.id);
    expect(await challenges.close(challenge.id as string)).toBe(false);

    const winners: { user_id: string }[] = await db.query(
      `SELECT user_id FROM challenge_participants WHERE challenge_id = $1 AND badge = 'winner'`,
      [challenge.id],
    );
    expect(winners.map((w) => w.user_id)).toEqual([bob.user.id]);
    const [{ closings }] = await db.query(
      `SELECT count(*)::int AS closings FROM domain_events
        WHERE name = 'challenge.closed' AND payload->>'challengeId' = $1`,
      [challenge.id],
    );
    expect(closings).toBe(1);

    await domainEventsSettled(api.app);
    const activities: { user_id: string; rank: number; badge: string | null }[] = await db.query(
      `SELECT user_id, (details->'challenge'->>'rank')::int AS rank, details->'challenge'->>'badge' AS badge
         FROM activities WHERE challenge_id = $1 ORDER BY 2`,
      [challenge.id],
    );
    expect(activities).toEqual(
      expected.map(({ id, rank }) => ({
        user_id: id,
        rank,
        badge: rank === 1 ? 'winner' : 'finisher',
      })),
    );
    const feed = await bob.client.get('/feed').expect(200);
    expect((feed.body.items as Body[]).find((a) => a.kind === 'challenge_result')).toMatchObject({
      challenge: { challengeId: challenge.id, rank: 1, badge: 'winner', participants: 3 },
    });

    // Final: a workout logged later changes nothing, joining and leaving are 409.
    const closed = await cyd.client.get(`/challenges/${challenge.id}/leaderboard`).expect(200);
    expect(closed.body.status).toBe('closed');
    await cyd.client
      .delete(`/challenges/${challenge.id}/leave`)
      .expect(409)
      .expect('content-type', PROBLEM);

    // Bob blocks Ada: each leaves the other out (ranks keep their gaps), and their own
    // standing and the total hold on a page past the end too.
    await bob.client.post(`/users/${ada.user.id}/block`).expect(204);
    const withoutAda = await bob.client
      .get(`/challenges/${challenge.id}/leaderboard?limit=1&page=1`)
      .expect(200);
    expect(withoutAda.body.items.map((row: Body) => [(row.user as Body).id, row.rank])).toEqual([
      [bob.user.id, 1],
    ]);
    expect(withoutAda.body.meta).toMatchObject({ total: 2 });
    const pastTheEnd = await ada.client
      .get(`/challenges/${challenge.id}/leaderboard?limit=2&page=3`)
      .expect(200);
    expect(pastTheEnd.body.items).toEqual([]);
    expect(pastTheEnd.body.meta).toMatchObject({ total: 2 });
    expect(pastTheEnd.body.me).toMatchObject({ rank: 2, progress: 1500, badge: 'finisher' });
    const participants = await ada.client
      .get(`/challenges/${challenge.id}/participants`)
      .expect(200);
    expect(participants.body.items.map((row: Body) => [(row.user as Body).id, row.rank])).toEqual([
      [ada.user.id, 2],
      [cyd.user.id, 3],
    ]);
  });

  it('hides challenges from who may not see them: 404 on every :id route, 401 anonymous', async () => {
    const [owner, invitee, stranger, friend] = await verifiedMembers(api, 4);
    await befriend(owner, friend);
    const invite = await createChallenge(owner, {
      visibility: 'invite_only',
      inviteeIds: [invitee.user.id],
    });
    const friendsOnly = await createChallenge(owner, { visibility: 'friends' });
    const routes: ['get' | 'post' | 'delete', string][] = [
      ['get', `/challenges/${invite.id}`],
      ['post', `/challenges/${invite.id}/join`],
      ['delete', `/challenges/${invite.id}/leave`],
      ['get', `/challenges/${invite.id}/participants`],
      ['get', `/challenges/${invite.id}/leaderboard`],
    ];
    for (const [method, path] of routes) {
      await stranger.client[method](path).expect(404).expect('content-type', PROBLEM);
      await request(api.http)[method](`/api/v1${path}`).expect(401);
    }
    await invitee.client.get(`/challenges/${invite.id}`).expect(200);
    await invitee.client.post(`/challenges/${invite.id}/join`).expect(200);
    await invitee.client.get(`/challenges/${invite.id}/participants`).expect(200);

    await stranger.client.get(`/challenges/${friendsOnly.id}`).expect(404);
    await friend.client.get(`/challenges/${friendsOnly.id}`).expect(200);
    const listed = await stranger.client.get('/challenges', { filter: 'upcoming' }).expect(200);
    expect((listed.body.items as Body[]).map((c) => c.id)).not.toContain(invite.id);
    const mine = await invitee.client.get('/challenges', { filter: 'mine' }).expect(200);
    expect((mine.body.items as Body[]).map((c) => c.id)).toEqual([invite.id]);
    const friends = await friend.client.get('/challenges', { filter: 'friends' }).expect(200);
    expect((friends.body.items as Body[]).map((c) => c.id).sort()).toEqual([friendsOnly.id].sort());

    // A block with the creator hides even a public challenge.
    const open = await createChallenge(owner);
    await stranger.client.get(`/challenges/${open.id}`).expect(200);
    await owner.client.post(`/users/${stranger.user.id}/block`).expect(204);
    await stranger.client.get(`/challenges/${open.id}`).expect(404);
  });

  it('invites after creation: the creator only, blocks left out silently, invitees notified, see and decline', async () => {
    const [owner, friend, stranger, blocker, participant, outsider] = await verifiedMembers(api, 6);
    await befriend(owner, friend);
    await blocker.client.post(`/users/${owner.user.id}/block`).expect(204);
    const challenge = await createChallenge(owner, { visibility: 'invite_only' });
    const path = `/challenges/${challenge.id}/invites`;
    for (const member of [friend, stranger, blocker]) {
      await member.client.get(`/challenges/${challenge.id}`).expect(404);
    }

    // Any user may be invited, friend or not; the blocker is left out without a word.
    await owner.client
      .post(path, { userIds: [friend.user.id, stranger.user.id, blocker.user.id] })
      .expect(204);
    const seen = await friend.client.get(`/challenges/${challenge.id}`).expect(200);
    expect(seen.body).toMatchObject({ invited: true, joined: false });
    await stranger.client.get(`/challenges/${challenge.id}`).expect(200);
    await blocker.client.get(`/challenges/${challenge.id}`).expect(404);

    // Each newly invited user is notified once, from the creator; nothing crosses the block.
    await domainEventsSettled(api.app);
    const notified = async (member: Member) => {
      const res = await member.client.get('/notifications').expect(200);
      return (res.body.items as Body[]).filter((n) => n.type === 'challenge.invited');
    };
    const [note] = await eventually(async () => {
      const found = await notified(stranger);
      return found.length > 0 ? found : undefined;
    });
    expect(note).toMatchObject({
      subjectId: challenge.id,
      message: `${owner.name} invited you to the challenge “Volume week”`,
      data: { challengeId: challenge.id, challengeTitle: 'Volume week' },
    });
    await eventually(async () => ((await notified(friend)).length === 1 ? true : undefined));
    expect(await notified(blocker)).toEqual([]);

    // Their pending invitations: filter=invited (not once joined).
    const invited = await stranger.client.get('/challenges', { filter: 'invited' }).expect(200);
    expect((invited.body.items as Body[]).map((c) => c.id)).toEqual([challenge.id]);
    await friend.client.post(`/challenges/${challenge.id}/join`).expect(200);
    const joined = await friend.client.get('/challenges', { filter: 'invited' }).expect(200);
    expect(joined.body.items).toEqual([]);

    // Declining: the invite-only challenge is hidden again, and it is not sent again.
    await stranger.client.delete(`/challenges/${challenge.id}/invitation`).expect(204);
    await stranger.client.delete(`/challenges/${challenge.id}/invitation`).expect(404);
    await stranger.client.get(`/challenges/${challenge.id}`).expect(404);
    await owner.client.post(path, { userIds: [stranger.user.id] }).expect(204);
    await stranger.client.get(`/challenges/${challenge.id}`).expect(404);
    await domainEventsSettled(api.app);
    expect(await notified(stranger)).toHaveLength(1);
    // Inviting again whoever is already invited or taking part announces nothing more.
    await owner.client.post(path, { userIds: [friend.user.id] }).expect(204);
    await domainEventsSettled(api.app);
    expect(await notified(friend)).toHaveLength(1);

    // Only the creator invites: a participant gets 403, someone who cannot see it 404.
    await owner.client.post(path, { userIds: [participant.user.id] }).expect(204);
    await participant.client.post(`/challenges/${challenge.id}/join`).expect(200);
    const forbidden = await participant.client
      .post(path, { userIds: [outsider.user.id] })
      .expect(403)
      .expect('content-type', PROBLEM);
    expect(forbidden.body.type).toContain('not-challenge-creator');
    await outsider.client.post(path, { userIds: [participant.user.id] }).expect(404);
    await outsider.client.delete(`/challenges/${challenge.id}/invitation`).expect(404);
    await request(api.http)
      .post(`/api/v1${path}`)
      .send({ userIds: [outsider.user.id] })
      .expect(401);

    // Bad input: 400; an ended challenge: 409.
    await owner.client.post(path, { userIds: [] }).expect(400);
    await owner.client.post(path, { userIds: ['not-a-uuid'] }).expect(400);
    await owner.client.post(path, {}).expect(400);
    await db.query(`UPDATE challenges SET ends_at = now() - interval '1 minute' WHERE id = $1`, [
      challenge.id,
    ]);
    const ended = await owner.client.post(path, { userIds: [outsider.user.id] }).expect(409);
    expect(ended.body.type).toContain('challenge-closed');
  });

  it("validates the kind's fields and the window", async () => {
    const [owner] = await verifiedMembers(api, 1);
    const res = await owner.client
      .post('/challenges', {
        title: 'Bad',
        kind: 'exercise_reps',
        visibility: 'public',
        startsOn: today(),
        endsOn: addDays(today(), -1),
        sessionsPerWeek: 3,
      })
      .expect(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(
      ['endsOn', 'endsOn', 'exerciseId', 'sessionsPerWeek'].sort(),
    );
  });
  it('takes the exercise of an exercise_reps challenge only if everyone may log it', async () => {
    const [owner, other] = await verifiedMembers(api, 2);
    const made = await other.client
      .post('/exercises', {
        name: `Challenge kettlebell carry ${Date.now()}`,
        category: 'strength',
        level: 'beginner',
        equipment: 'kettlebells',
        primaryMuscles: ['forearms'],
        secondaryMuscles: [],
        instructions: ['Carry the kettlebell.'],
      })
      .expect(201);
    const own = made.body.id as string;
    const reps = (exerciseId: string) => ({ kind: 'exercise_reps', exerciseId });
    const refused = async (creator: Member, body: Body) => {
      const res = await creator.client
        .post('/challenges', {
          title: 'Reps',
          startsOn: today(),
          endsOn: addDays(today(), 7),
          ...body,
        })
        .expect(400)
        .expect('content-type', PROBLEM);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['exerciseId']);
      return (res.body.errors as { messages: string[] }[])[0].messages[0];
    };
    // Someone else's exercise still pending review, and no exercise at all: 400 on exerciseId.
    for (const exerciseId of [own, '1b0b9a9e-8a4a-4f43-9d2f-3f1c3a7c0e11']) {
      expect(await refused(owner, { visibility: 'public', ...reps(exerciseId) })).toBe(
        'exerciseId must name an exercise of the library',
      );
    }
    // One's own exercise, still private: nobody else could log it, and others may join any
    // challenge (invite-only ones through invitations, which may come later): 400, saying why.
    for (const visibility of ['public', 'friends', 'invite_only']) {
      expect(await refused(other, { visibility, ...reps(own) })).toMatch(
        /your own exercise, which is not in the library: nobody else could log it/,
      );
    }
    // The library's; and the same exercise once approved, which everyone may then log.
    await createChallenge(owner, reps(bench));
    await db.query(`UPDATE exercises SET status = 'approved' WHERE id = $1`, [own]);
    const approved = await createChallenge(owner, reps(own));
    await other.client.post(`/challenges/${approved.id}/join`).expect(200);
  });
});
