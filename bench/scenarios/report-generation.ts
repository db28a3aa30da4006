import { DateTime } from 'luxon';
import { loadavg } from 'node:os';
import type { Pool } from 'pg';
import {
  DEMO_LIFTS,
  DEMO_TIME_ZONE,
  demoHistory,
} from '../../src/modules/reports/testing/demo-history';
import { BenchConfig } from '../config';
import { BenchUser, RunningApi, WorkerPool } from '../lib/fitai';
import { expectStatus, requestJson } from '../lib/http';
import { waitUntilCompleted } from '../lib/poll';
import { distribution, Distribution, percentile } from '../lib/stats';

export interface ReportGenerationFigure {
  workers: number;
  month: string;
  /** Bytes and pages of the PDF (the same every time). */
  bytes: number;
  pages: number;
  /** POST /reports/generate (202) → GET shows completed, one report at a time. */
  endToEnd: Distribution;
  endToEndP95: number;
  /** The worker's part (PostgreSQL clock): claimed → completed (data, charts, PDF, storage). */
  processing: Distribution;
  processingP95: number;
  /** The 1-minute load average when the figure started and ended. */
  loadAverage: [number, number];
}

interface ReportBody {
  id: string;
  status: string;
  failureReason: string | null;
  sizeBytes: number | null;
  pageCount: number | null;
}

/**
 * Figure 13: a monthly progress report of the demo history (two months of training, body
 * weight, journal and goals), rendered one at a time by one worker process otherwise idle.
 */
export async function benchReportGeneration(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  workers: WorkerPool,
  user: BenchUser,
): Promise<ReportGenerationFigure> {
  const loadBefore = loadavg()[0];
  const month = DateTime.now().setZone(DEMO_TIME_ZONE).minus({ months: 1 }).toFormat('yyyy-MM');
  const { rows } = await pool.query<{ slug: string; id: string }>(
    'SELECT slug, id FROM exercises WHERE slug = ANY($1)',
    [Object.values(DEMO_LIFTS)],
  );
  const idOf = new Map(rows.map((row) => [row.slug, row.id]));
  const ids = {
    bench: idOf.get(DEMO_LIFTS.bench)!,
    squat: idOf.get(DEMO_LIFTS.squat)!,
    deadlift: idOf.get(DEMO_LIFTS.deadlift)!,
  };
  for (const call of demoHistory(month, ids)) {
    const res = await requestJson(call.method, `${api.baseUrl}/api/v1${call.path}`, {
      token: user.accessToken,
      body: call.body,
    });
    if (res.status >= 300) {
      throw new Error(`${call.method} ${call.path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }

  const samples: number[] = [];
  const reportIds: string[] = [];
  let last: ReportBody | undefined;
  for (let i = 0; i < config.reportSamples; i++) {
    const started = process.hrtime.bigint();
    const accepted = expectStatus(
      await requestJson<ReportBody>('POST', `${api.baseUrl}/api/v1/reports/generate`, {
        token: user.accessToken,
        body: { kind: 'progress', period: 'monthly', from: `${month}-01` },
      }),
      202,
      'POST /reports/generate',
    );
    reportIds.push(accepted.body.id);
    last = await waitUntilCompleted<ReportBody>({
      url: `${api.baseUrl}/api/v1/reports/${accepted.body.id}`,
      token: user.accessToken,
      what: 'report',
      route: 'GET /reports/:id',
      timeoutMs: 120_000,
      pollIntervalMs: config.pollIntervalMs,
      workers,
    });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const timings = await pool.query<{ processing: number }>(
    `SELECT extract(epoch FROM completed_at - started_at)::float * 1000 AS processing
       FROM reports WHERE id = ANY($1::uuid[])`,
    [reportIds],
  );
  const processing = timings.rows.map((r) => r.processing);
  const p95 = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      95,
    );
  return {
    workers: workers.size,
    month,
    bytes: last?.sizeBytes ?? 0,
    pages: last?.pageCount ?? 0,
    endToEnd: distribution(samples),
    endToEndP95: p95(samples),
    processing: distribution(processing),
    processingP95: p95(processing),
    loadAverage: [loadBefore, loadavg()[0]],
  };
}
