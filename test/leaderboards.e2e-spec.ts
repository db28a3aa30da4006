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
  let squat: string;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    db = api.app.get(DataSource);
    ({ bench, squat } = await libraryExerciseIds(db, {
      bench: BENCH_PRESS,
      squat: 'Barbell_Squat',
    }));
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

    // Once the snapshot holds every lifter (the blocked user sees their own row in it).
    const global = await eventually(async () => {
      const body = await board(viewer, '/leaderboards/volume');
      const complete =
        ids(body).includes(viewer.user.id) &&
        ids(body).includes(stranger.user.id) &&
        ids(await board(blocked, '/leaderboards/volume')).includes(blocked.user.id);
      return complete ? body : undefined;
    });
    const seen = ids(global);
    for (const absent of [optedOut, hidden, blocked]) expect(seen).not.toContain(absent.user.id);
    const rows = global.items as Row[];
    const rankOf = (m: Member) => rows.find((row) => row.user.id === m.user.id)!.rank;
    expect(rankOf(stranger)).toBeLessThan(rankOf(friend));
    // The blocked user (19,600 kg) keeps their rank number between them, hidden from the
    // viewer: rank numbers are the board's, not the viewer's (docs/challenges.md).
    expect(rankOf(friend)).toBe(rankOf(stranger) + 2);
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

  it('rewrites only the strength entries that changed and marks only their boards', async () => {
    const [lifter] = await verifiedMembers(api, 1);
    await completedWorkout(lifter.client, [
      { exerciseId: bench, weight: 80, reps: 5 },
      { exerciseId: squat, weight: 100, reps: 5 },
    ]);
    await domainEventsSettled(api.app);
    // As a refresh leaves them: not dirty (a change marks a board again, with its time).
    await db.query(
      `UPDATE leaderboard_boards SET dirty = false, changed_at = '2000-01-01T00:00:00Z'
        WHERE board = 'strength' AND exercise_id = ANY($1::uuid[])`,
      [[bench, squat]],
    );
    const state = async (exerciseId: string) => ({
      entries: (await db.query(
        `SELECT period, value::float8 AS value, updated_at AS "updatedAt" FROM leaderboard_entries
          WHERE board = 'strength' AND exercise_id = $1 AND user_id = $2 ORDER BY period`,
        [exerciseId, lifter.user.id],
      )) as { period: string; value: number; updatedAt: Date }[],
      boards: (await db.query(
        `SELECT period, dirty, changed_at AS "changedAt" FROM leaderboard_boards
          WHERE board = 'strength' AND exercise_id = $1 ORDER BY period`,
        [exerciseId],
      )) as { period: string; dirty: boolean; changedAt: Date }[],
    });
    const squatBefore = await state(squat);
    const benchBefore = await state(bench);
    expect(squatBefore.entries).toHaveLength(3); // week, month, all time

    await lift(lifter.client, 85, 5); // bench only: its boards change, squat's do not
    await domainEventsSettled(api.app);
    const squatAfter = await state(squat);
    expect(squatAfter).toEqual(squatBefore);
    expect(squatAfter.boards.every((b) => b.changedAt.getTime() === Date.UTC(2000, 0, 1))).toBe(
      true,
    );
    const benchAfter = await state(bench);
    expect(benchAfter.boards).toHaveLength(3);
    benchAfter.entries.forEach((entry, i) => {
      expect(entry.value).toBeGreaterThan(benchBefore.entries[i].value);
      expect(entry.updatedAt.getTime()).toBeGreaterThan(benchBefore.entries[i].updatedAt.getTime());
    });
    for (const b of benchAfter.boards) {
      expect(b.changedAt.getTime()).toBeGreaterThan(Date.UTC(2000, 0, 1));
    }
  });

  it('scores DOTS with the coefficients of the stated sex (not said: the men’s)', async () => {
    const [lifter] = await verifiedMembers(api, 1);
    const path = `/leaderboards/strength/${bench}`;
    const dotsMe = () => board(lifter, path, { period: 'all', normalise: 'dots' });
    await setPreferences(lifter.client, { sex: 'female' });
    await lifter.client.post('/progress/body', { weight: 60 }).expect(201);
    await lift(lifter.client, 100, 1); // e1RM 100 kg
    // Women's DOTS at 60 kg: 1.10855 points per kg (dots.spec.ts).
    await eventually(async () => {
      const value = ((await dotsMe()).me as Row | null)?.value;
      return value !== undefined && Math.abs(value - 110.855) < 0.01 ? true : undefined;
    }, 30_000);
    // Men's at 60 kg: 0.84404 per kg; not said is scored as the men's.
    await setPreferences(lifter.client, { sex: 'male' });
    await eventually(async () => {
      const value = ((await dotsMe()).me as Row | null)?.value;
      return value !== undefined && Math.abs(value - 84.404) < 0.01 ? true : undefined;
    }, 30_000);
    await setPreferences(lifter.client, { sex: 'female' });
    await eventually(async () => {
      const value = ((await dotsMe()).me as Row | null)?.value;
      return value !== undefined && Math.abs(value - 110.855) < 0.01 ? true : undefined;
    }, 30_000);
    await setPreferences(lifter.client, { sex: null });
    await eventually(async () => {
      const value = ((await dotsMe()).me as Row | null)?.value;
      return value !== undefined && Math.abs(value - 84.404) < 0.01 ? true : undefined;
    }, 30_000);
    // The global DOTS board shows the same value once its snapshot is refreshed.
    const refreshed = await eventually(async () => {
      const body = await dotsMe();
      const row = (body.items as Row[]).find((r) => r.user.id === lifter.user.id);
      return row && Math.abs(row.value - 84.404) < 0.01 ? body : undefined;
    }, 30_000);
    expect(refreshed.asOf).toEqual(expect.any(String));
  });

  it('serves global boards from a snapshot the worker refreshes; blocked users leave gaps in the public ranks', async () => {
    const [viewer, top, second, third, late] = await verifiedMembers(api, 5);
    // Volumes above every other test's, so these take the top ranks of the month's board.
    await lift(top.client, 1000, 40); // 40,000 kg
    await lift(second.client, 900, 40); // 36,000 kg
    await lift(third.client, 800, 40); // 32,000 kg
    await domainEventsSettled(api.app);
    const topIds = (body: Body) => ids(body).slice(0, 4);
    const first = await eventually(async () => {
      const body = await board(viewer, '/leaderboards/volume', { limit: 10 });
      return topIds(body).slice(0, 3).join() === [top, second, third].map((m) => m.user.id).join()
        ? body
        : undefined;
    }, 30_000);
    expect((first.items as Row[]).slice(0, 3).map((row) => row.rank)).toEqual([1, 2, 3]);
    const firstAsOf = Date.parse(first.asOf as string);
    expect(firstAsOf).toBeLessThanOrEqual(Date.now());

    // A new workout shows up once the worker has refreshed the board (a moment later).
    await lift(late.client, 950, 40); // 38,000 kg: second
    const refreshed = await eventually(async () => {
      const body = await board(viewer, '/leaderboards/volume', { limit: 10 });
      return topIds(body)[1] === late.user.id ? body : undefined;
    }, 30_000);
    expect((refreshed.items as Row[]).slice(0, 4)).toEqual([
      expect.objectContaining({ rank: 1, value: 40000 }),
      expect.objectContaining({ rank: 2, value: 38000 }),
      expect.objectContaining({ rank: 3, value: 36000 }),
      expect.objectContaining({ rank: 4, value: 32000 }),
    ]);
    expect(Date.parse(refreshed.asOf as string)).toBeGreaterThan(firstAsOf);
    // One current snapshot per board and ranking: the swap never leaves two, nor none.
    const [{ duplicates }]: { duplicates: number }[] = await db.query(
      `SELECT count(*)::int AS duplicates FROM (
         SELECT 1 FROM leaderboard_snapshots WHERE current
          GROUP BY board, period, period_start, exercise_id, ranking HAVING count(*) > 1) d`,
    );
    expect(duplicates).toBe(0);

    // The viewer's own result is live: placed among the snapshot at once (36,000 < 37,000 < 38,000).
    await lift(viewer.client, 925, 40); // 37,000 kg
    await eventually(async () => {
      const body = await board(viewer, '/leaderboards/volume', { limit: 10 });
      return (body.me as Row | null)?.value === 37000 ? body : undefined;
    }, 30_000);
    const placed = await eventually(async () => {
      const body = await board(viewer, '/leaderboards/volume', { limit: 10 });
      return ids(body).includes(viewer.user.id) ? body : undefined;
    }, 30_000);
    expect(placed.me).toMatchObject({ rank: 3, value: 37000 });
    expect((placed.neighbours as Row[]).map((row) => row.user.id)).toEqual([
      top.user.id,
      late.user.id,
      second.user.id,
      third.user.id,
    ]);

    // A block applies at once, both ways: the blocked user is left out of the page, the
    // neighbours and the total, and the public rank numbers keep their gap.
    const before = await board(viewer, '/leaderboards/volume', { limit: 10 });
    await viewer.client.post(`/users/${late.user.id}/block`).expect(204);
    const blocked = await board(viewer, '/leaderboards/volume', { limit: 10 });
    expect(ids(blocked)).not.toContain(late.user.id);
    expect((blocked.items as Row[]).slice(0, 4).map((row) => [row.user.id, row.rank])).toEqual([
      [top.user.id, 1],
      [viewer.user.id, 3],
      [second.user.id, 4],
      [third.user.id, 5],
    ]);
    expect((blocked.meta as Body).total).toBe(((before.meta as Body).total as number) - 1);
    expect(blocked.me).toMatchObject({ rank: 3 });
    expect((blocked.neighbours as Row[]).map((row) => row.user.id)).toEqual([
      top.user.id,
      second.user.id,
      third.user.id,
    ]);
    expect(ids(await board(late, '/leaderboards/volume', { limit: 10 }))).not.toContain(
      viewer.user.id,
    );
    // Pages stay full and contiguous for the viewer: page 2 of 1 is the viewer, not a hole.
    const paged = await board(viewer, '/leaderboards/volume', { limit: 1, page: 2 });
    expect((paged.items as Row[]).map((row) => [row.user.id, row.rank])).toEqual([
      [viewer.user.id, 3],
    ]);
  });
});
