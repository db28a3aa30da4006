import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiClient } from './support/api-client';
import { domainEventsSettled } from './support/domain-events';
import {
  BENCH_PRESS,
  completedWorkout,
  libraryExerciseIds,
  setPreferences,
} from './support/fixtures';
import { befriend, Member, verifiedMembers } from './support/social';
import { eventually, startApi, startWorker, TestApi } from './support/test-app';

type Body = Record<string, unknown>;
type Row = { rank: number; value: number; user: { id: string } };

jest.setTimeout(120_000);

describe('leaderboards (e2e)', () => {
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

  /** A workout now: `reps` reps at `weight` kg in one set (its volume: weight × reps). */
  function lift(client: ApiClient, weight: number, reps: number) {
    return completedWorkout(client, [{ exerciseId: bench, weight, reps }]);
  }

  async function board(member: Member, path: string, query: Body = {}): Promise<Body> {
    const res = await member.client
      .get(path, { period: 'month', scope: 'global', limit: 100, ...query } as never)
      .expect(200);
    return res.body;
  }

  const ids = (body: Body) => (body.items as Row[]).map((row) => row.user.id);

  it('ranks volume with privacy: opted-out, private and blocked users are absent; friends scope is friends', async () => {
    const [viewer, friend, optedOut, hidden, blocked, stranger] = await verifiedMembers(api, 6);
    await befriend(viewer, friend);
    await setPreferences(optedOut.client, { leaderboardOptOut: true });
    await setPreferences(hidden.client, { activityVisibility: 'only_me' });
    await viewer.client.post(`/users/${blocked.user.id}/block`).expect(204);

    // Volumes well above any other test's, each distinct: stranger > friend > viewer > others.
    await lift(stranger.client, 500, 40); // 20,000 kg
    await lift(friend.client, 450, 40); // 18,000 kg
    await lift(viewer.client, 400, 40); // 16,000 kg
    await lift(optedOut.client, 475, 40);
    await lift(hidden.client, 480, 40);
    await lift(blocked.client, 490, 40);
    await domainEventsSettled(api.app);

    const global = await eventually(async () => {
      const body = await board(viewer, '/leaderboards/volume');
      return ids(body).includes(viewer.user.id) && ids(body).includes(stranger.user.id)
        ? body
        : undefined;
    });
    const seen = ids(global);
    for (const absent of [optedOut, hidden, blocked]) expect(seen).not.toContain(absent.user.id);
    const rows = global.items as Row[];
    const rankOf = (m: Member) => rows.find((row) => row.user.id === m.user.id)!.rank;
    expect(rankOf(stranger)).toBeLessThan(rankOf(friend));
    expect(rankOf(friend)).toBe(rankOf(stranger) + 1);
    expect(rankOf(viewer)).toBe(rankOf(friend) + 1);
    expect(global.me).toMatchObject({ rank: rankOf(viewer), value: 16000 });
    // The neighbours are the rows next to the caller in the board.
    const at = seen.indexOf(viewer.user.id);
    expect((global.neighbours as Row[]).map((row) => row.user.id)).toEqual([
      ...seen.slice(Math.max(0, at - 2), at),
      ...seen.slice(at + 1, at + 3),
    ]);

    // The blocked user does not see the viewer either; the opted-out and private users see
    // their own result though absent from others' boards.
    expect(ids(await board(blocked, '/leaderboards/volume'))).not.toContain(viewer.user.id);
    const own = await board(optedOut, '/leaderboards/volume');
    expect(own.me).toMatchObject({ value: 19000 });
    expect(ids(own)).not.toContain(optedOut.user.id);
    expect((await board(hidden, '/leaderboards/volume')).me).toMatchObject({ value: 19200 });

    // Friends scope: the viewer and their friend, nobody else.
    const friends = await board(viewer, '/leaderboards/volume', { scope: 'friends' });
    expect(friends.items).toEqual([
      expect.objectContaining({
        rank: 1,
        value: 18000,
        user: expect.objectContaining({ id: friend.user.id }),
      }),
      expect.objectContaining({
        rank: 2,
        value: 16000,
        user: expect.objectContaining({ id: viewer.user.id }),
      }),
    ]);

    // Opting back in lists the user again.
    await setPreferences(optedOut.client, { leaderboardOptOut: false });
    await eventually(async () =>
      ids(await board(viewer, '/leaderboards/volume')).includes(optedOut.user.id)
        ? true
        : undefined,
    );

    // Consistency: one workout each this month.
    const consistency = await board(viewer, '/leaderboards/consistency');
    expect(consistency.me).toMatchObject({ value: 1 });
    // Anonymous: 401; a bad period: 400.
    await request(api.http).get('/api/v1/leaderboards/volume').expect(401);
    await viewer.client.get('/leaderboards/volume', { period: 'year' }).expect(400);
  });

  it('holds an implausible strength jump back from global boards until a second session', async () => {
    const [lifter] = await verifiedMembers(api, 1);
    const path = `/leaderboards/strength/${bench}`;
    await lift(lifter.client, 100, 1);
    await lift(lifter.client, 140, 1); // +40 %: held back
    await domainEventsSettled(api.app);
    const held = await eventually(async () => {
      const body = await board(lifter, path, { period: 'all' });
      return body.me ? body : undefined;
    });
    expect(held.me).toMatchObject({ value: 100 });
    const friends = await board(lifter, path, { period: 'all', scope: 'friends' });
    expect(friends.me).toMatchObject({ value: 140 });

    await lift(lifter.client, 135, 1); // a second session at the new level confirms it
    await eventually(async () => {
      const body = await board(lifter, path, { period: 'all' });
      return (body.me as Row | null)?.value === 135 ? true : undefined;
    });

    // DOTS needs a body weight: none yet, so no result; with one, the e1RM in points.
    expect((await board(lifter, path, { period: 'all', normalise: 'dots' })).me).toBeNull();
    await lifter.client.post('/progress/body', { weight: 100 }).expect(201);
    const normalised = await eventually(async () => {
      const body = await board(lifter, path, { period: 'all', normalise: 'dots' });
      return (body.me as Row | null) ?? undefined;
    });
    // DOTS, men's coefficients, 100 kg body weight: 0.6155 points per kg lifted.
    expect(normalised.value).toBeCloseTo(135 * 0.6155, 0);
  });
});
