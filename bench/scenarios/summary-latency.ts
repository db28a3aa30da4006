import type { Pool } from 'pg';
import { BenchConfig } from '../config';
import { BenchUser, RunningApi, WorkerPool } from '../lib/fitai';
import { expectStatus, requestJson } from '../lib/http';
import { assertMostlyOk, LoadResult, runLoad } from '../lib/load';
import { waitUntilCompleted } from '../lib/poll';
import { distribution, Distribution, ratio } from '../lib/stats';
import { midWeek } from './worker-throughput';

export interface SummaryLatencyFigure {
  workers: number;
  pollIntervalMs: number;
  /** POST (202) → GET shows completed, one summary at a time, each a different user. */
  fresh: Distribution;
  /** Where the fresh time goes: the POST itself, then (PostgreSQL clock) queue and processing. */
  freshParts: { accepted: Distribution; queued: Distribution; processing: Distribution };
  /** Repeated POST of a completed period: 200 from the Redis cache. */
  cached: LoadResult;
  /** fresh p50 ÷ cached p50. */
  p50Ratio: number;
}

interface SummaryBody {
  id: string;
  status: string;
  failureReason?: string | null;
}

/**
 * Figure 4: what a client waits for a summary computed now vs one served from the cache.
 * Fresh is measured end to end from outside (including the queue hop and the polling);
 * the worker pool is otherwise idle.
 */
export async function benchSummaryLatency(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  workers: WorkerPool,
  users: BenchUser[],
  week: Date,
): Promise<SummaryLatencyFigure> {
  const body = { period: 'week', from: midWeek(week) };
  const url = `${api.baseUrl}/api/v1/summaries`;
  const samples: number[] = [];
  const acceptedMs: number[] = [];
  const ids: string[] = [];
  for (const user of users) {
    const started = process.hrtime.bigint();
    const accepted = expectStatus(
      await requestJson<SummaryBody>('POST', url, { token: user.accessToken, body }),
      202,
      'POST summaries (fresh)',
    );
    acceptedMs.push(accepted.ms);
    ids.push(accepted.body.id);
    await waitUntilCompleted<SummaryBody>({
      url: `${url}/${accepted.body.id}`,
      token: user.accessToken,
      what: 'summary',
      route: 'GET summary',
      timeoutMs: 60_000,
      pollIntervalMs: config.pollIntervalMs,
      workers,
    });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }

  const cachedUser = users[0];
  expectStatus(
    await requestJson('POST', url, { token: cachedUser.accessToken, body }),
    200,
    'POST summaries (repeat: expected from the cache)',
  );
  const load = {
    url,
    method: 'POST' as const,
    headers: { authorization: `Bearer ${cachedUser.accessToken}` },
    body,
    connections: 1,
    expectStatus: 200,
  };
  await runLoad({ ...load, amount: 200 });
  const cached = await runLoad({ ...load, amount: config.cachedRequests });
  assertMostlyOk(cached, 'POST summaries (cached)');
  const { rows } = await pool.query<{ queued: number; processing: number }>(
    `SELECT extract(epoch FROM started_at - requested_at)::float * 1000 AS queued,
            extract(epoch FROM completed_at - started_at)::float * 1000 AS processing
       FROM summaries WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const fresh = distribution(samples);
  return {
    workers: workers.size,
    pollIntervalMs: config.pollIntervalMs,
    fresh,
    freshParts: {
      accepted: distribution(acceptedMs),
      queued: distribution(rows.map((r) => r.queued)),
      processing: distribution(rows.map((r) => r.processing)),
    },
    cached,
    p50Ratio: ratio(fresh.p50, cached.latency.p50),
  };
}
