import type { Pool } from 'pg';
import { BenchConfig } from '../config';
import { BenchUser, RunningApi, WorkerPool } from '../lib/fitai';
import { expectStatus, requestJson } from '../lib/http';
import { waitUntilCompleted } from '../lib/poll';
import { distribution, Distribution } from '../lib/stats';

export interface PlanGenerationFigure {
  workers: number;
  pollIntervalMs: number;
  /** POST /ai/workout-generate (202) → GET shows completed, one plan at a time, each a different user. */
  endToEnd: Distribution;
  /** The worker's part (PostgreSQL clock): claimed → completed (catalogue read, rules, validation, metering). */
  processing: Distribution;
  queued: Distribution;
}

interface GenerationBody {
  id: string;
  status: string;
  failureReason?: string | null;
}

/** The requests cycle through goals, days and session lengths: the grid a user base would send. */
const REQUESTS = [
  { goal: 'hypertrophy', daysPerWeek: 3, sessionMinutes: 60 },
  { goal: 'strength', daysPerWeek: 4, sessionMinutes: 75 },
  { goal: 'general_fitness', daysPerWeek: 2, sessionMinutes: 45 },
  { goal: 'endurance', daysPerWeek: 5, sessionMinutes: 40 },
  { goal: 'hypertrophy', daysPerWeek: 6, sessionMinutes: 90 },
];

/**
 * Figure 7: plan generation with the local provider (AI_PROVIDER=local), one worker process
 * otherwise idle, end to end as a client sees it (POST 202, then polling), and the worker's
 * processing time from the row's timestamps.
 */
export async function benchPlanGeneration(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  workers: WorkerPool,
  users: BenchUser[],
): Promise<PlanGenerationFigure> {
  const url = `${api.baseUrl}/api/v1/ai/workout-generate`;
  const samples: number[] = [];
  const ids: string[] = [];
  for (const [i, user] of users.entries()) {
    const started = process.hrtime.bigint();
    const accepted = expectStatus(
      await requestJson<GenerationBody>('POST', url, {
        token: user.accessToken,
        body: REQUESTS[i % REQUESTS.length],
      }),
      202,
      'POST /ai/workout-generate',
    );
    ids.push(accepted.body.id);
    await waitUntilCompleted<GenerationBody>({
      url: `${api.baseUrl}/api/v1/ai/generations/${accepted.body.id}`,
      token: user.accessToken,
      what: 'plan generation',
      route: 'GET /ai/generations/:id',
      timeoutMs: 60_000,
      pollIntervalMs: config.pollIntervalMs,
      workers,
    });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const { rows } = await pool.query<{ queued: number; processing: number }>(
    `SELECT extract(epoch FROM started_at - requested_at)::float * 1000 AS queued,
            extract(epoch FROM completed_at - started_at)::float * 1000 AS processing
       FROM plan_generations WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return {
    workers: workers.size,
    pollIntervalMs: config.pollIntervalMs,
    endToEnd: distribution(samples),
    processing: distribution(rows.map((r) => r.processing)),
    queued: distribution(rows.map((r) => r.queued)),
  };
}
