import type { Pool } from 'pg';
import { io, Socket } from 'socket.io-client';
import { BenchConfig } from '../config';
import { BenchUser, RunningApi, WorkerPool } from '../lib/fitai';
import { expectStatus, mapConcurrent, requestJson } from '../lib/http';
import { rssMb, sleep } from '../lib/processes';
import { distribution, Distribution } from '../lib/stats';

const BENCH_SLUG = 'Barbell_Bench_Press_-_Medium_Grip';
const CONNECT_BATCH = 50;
/** Below the 50 sets an exercise holds. */
const SETS_PER_WORKOUT = 40;

export interface RealtimeFigure {
  samples: number;
  /**
   * A set logged over HTTP by device 1 → `workout.updated` received by device 2 (the API emits
   * after its commit, through Redis: the adapter of the same process hands it to the socket).
   */
  workoutSync: Distribution;
  /**
   * POST /goals/:id/complete sent → `notification.created` received: the outbox, the relay, the
   * worker's subscriber (1 worker process), its emitter, Redis, the API's adapter.
   */
  notification: Distribution;
  /** Idle sockets one API process held, and its resident memory before and after. */
  idleSockets: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  kbPerSocket: number;
  connectSeconds: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

function connect(api: RunningApi, token: string): Promise<Socket> {
  const socket = io(api.baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Resolves with the time (now()) the first `event` matching `where` arrives. */
function arrival(
  socket: Socket,
  event: string,
  where: (payload: Record<string, unknown>) => boolean,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within 30 s`)), 30_000);
    const listener = (payload: Record<string, unknown>) => {
      if (!where(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(now());
    };
    socket.on(event, listener);
  });
}

async function call(api: RunningApi, user: BenchUser, path: string, body: object = {}) {
  return requestJson('POST', `${api.baseUrl}/api/v1${path}`, { token: user.accessToken, body });
}

/** A started workout with the bench press added; answers its id. */
async function startedWorkout(api: RunningApi, user: BenchUser, exerciseId: string) {
  const workout = expectStatus(await call(api, user, '/workouts'), 201, 'POST workouts').body as {
    id: string;
  };
  const base = `/workouts/${workout.id}`;
  expectStatus(await call(api, user, `${base}/exercises`, { exerciseId }), 201, 'exercise');
  expectStatus(await call(api, user, `${base}/start`), 200, 'start');
  return workout.id;
}

/**
 * Figure 7: delivery latency from the HTTP request that causes an event to the socket event
 * on another client (direct emit vs through the worker), and idle sockets per API process.
 */
export async function benchRealtime(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  workers: WorkerPool,
  users: BenchUser[],
  log: (message: string) => void,
): Promise<RealtimeFigure> {
  const [owner, ...idleUsers] = users;
  const { rows } = await pool.query<{ id: string }>('SELECT id FROM exercises WHERE slug = $1', [
    BENCH_SLUG,
  ]);
  const exerciseId = rows[0].id;
  await workers.resize(1);
  const device1 = await connect(api, owner.accessToken);
  const device2 = await connect(api, owner.accessToken);

  log(`figure 7: ${config.realtimeSamples} sets logged on device 1, received on device 2`);
  const sync: number[] = [];
  let workoutId = '';
  let logged = 0;
  for (let i = 0; i < config.realtimeSamples + 20; i++) {
    if (i % SETS_PER_WORKOUT === 0) {
      workoutId = await startedWorkout(api, owner, exerciseId);
      logged = 0;
    }
    // Created (1), exercise added (2), started (3): the n-th set makes version 3 + n.
    const version = 3 + ++logged;
    const id = workoutId;
    const started = now();
    const [answer, received] = await Promise.all([
      requestJson('POST', `${api.baseUrl}/api/v1/workouts/${id}/exercises/${exerciseId}/sets`, {
        token: owner.accessToken,
        body: { weight: 60, reps: 5 },
      }),
      arrival(device2, 'workout.updated', (p) => p.id === id && p.version === version),
    ]);
    expectStatus(answer, 201, 'set');
    if (i >= 20) sync.push(received - started); // the first 20 warm up
  }

  const notificationSamples = Math.max(10, Math.round(config.realtimeSamples / 5));
  log(`figure 7: ${notificationSamples} goals completed, notification.created received`);
  const notify: number[] = [];
  for (let i = 0; i < notificationSamples + 3; i++) {
    const goal = expectStatus(
      await call(api, owner, '/goals', {
        type: 'strength',
        metric: 'e1rm',
        exerciseId,
        title: `Bench ${i}`,
        target: 200,
      }),
      201,
      'goal',
    ).body as { id: string };
    const started = now();
    const [answer, received] = await Promise.all([
      call(api, owner, `/goals/${goal.id}/complete`),
      arrival(device1, 'notification.created', (p) => {
        const data = (p.notification as { data: { goalId?: string } }).data;
        return data.goalId === goal.id;
      }),
    ]);
    expectStatus(answer, 200, 'complete');
    if (i >= 3) notify.push(received - started);
  }
  device1.close();
  device2.close();

  const pid = api.process.child.pid!;
  await sleep(2_000);
  const rssBefore = rssMb(pid);
  log(`figure 7: ${config.idleSockets} idle sockets on one API process`);
  const connectStarted = now();
  const sockets = await mapConcurrent(
    Array.from({ length: config.idleSockets }, (_, i) => idleUsers[i % idleUsers.length]),
    CONNECT_BATCH,
    (user) => connect(api, user.accessToken),
  );
  const connectSeconds = (now() - connectStarted) / 1000;
  await sleep(3_000);
  const rssAfter = rssMb(pid);
  for (const socket of sockets) socket.close();
  return {
    samples: sync.length,
    workoutSync: distribution(sync),
    notification: distribution(notify),
    idleSockets: sockets.length,
    rssBeforeMb: rssBefore,
    rssAfterMb: rssAfter,
    kbPerSocket: ((rssAfter - rssBefore) * 1024) / sockets.length,
    connectSeconds,
  };
}
