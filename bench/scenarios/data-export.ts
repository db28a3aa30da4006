import type { Pool } from 'pg';
import { seedHistory } from '../../test/support/data-rights';
import { BenchConfig } from '../config';
import { BenchUser, RunningApi, WorkerPool } from '../lib/fitai';
import { expectStatus, getJson } from '../lib/http';
import { waitUntilCompleted } from '../lib/poll';
import { rssMb, sleep } from '../lib/processes';

export interface DataExportRun {
  /** Days of history: a workout every other day (16 sets), a journal entry a day, a weekly reading. */
  days: number;
  rows: number;
  archiveBytes: number;
  /** GET /users/data-export 202 → status completed, as a client sees it (polling). */
  endToEndMs: number;
  /** Request → completion on PostgreSQL's clock (the row's requested_at → completed_at). */
  processingMs: number;
  /** The worker's resident memory just before, and its peak while exporting (sampled every 20 ms). */
  rssBeforeMb: number;
  rssPeakMb: number;
}

export interface DataExportFigure {
  runs: DataExportRun[];
}

interface ExportBody {
  id: string;
  status: string;
  sizeBytes: number | null;
  rowCounts: Record<string, number> | null;
  failureReason: string | null;
}

/**
 * Figure 14: a full data export for a user with one year and with three years of training and
 * journal, one worker process otherwise idle: time, and the worker's peak resident memory. The
 * aim is memory flat in the size of the history (rows go from a cursor to the zip stream a page
 * at a time, and the zip goes to storage as it is made).
 */
export async function benchDataExport(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  workers: WorkerPool,
  users: BenchUser[],
  log: (line: string) => void,
): Promise<DataExportFigure> {
  await workers.resize(1);
  const [pid] = workers.pids();
  const runs: DataExportRun[] = [];
  const sizes = [365, 3 * 365];
  for (const [i, days] of sizes.entries()) {
    const user = users[i];
    log(`figure 14: seeding ${days} days of history`);
    await seedHistory(
      { query: async (sql, params) => (await pool.query(sql, params)).rows },
      user.id,
      days,
    );
    await pool.query('VACUUM ANALYZE');
    await sleep(1_000);
    const rssBeforeMb = rssMb(pid);
    let rssPeakMb = rssBeforeMb;
    const sampler = setInterval(() => {
      rssPeakMb = Math.max(rssPeakMb, rssMb(pid));
    }, 20);
    const started = process.hrtime.bigint();
    const accepted = expectStatus(
      await getJson<ExportBody>(`${api.baseUrl}/api/v1/users/data-export`, user.accessToken),
      202,
      'GET /users/data-export',
    );
    const done = await waitUntilCompleted<ExportBody>({
      url: `${api.baseUrl}/api/v1/users/data-export/${accepted.body.id}`,
      token: user.accessToken,
      what: 'export',
      route: 'GET /users/data-export/:id',
      timeoutMs: 10 * 60_000,
      pollIntervalMs: config.pollIntervalMs,
      workers,
    });
    const endToEndMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (!done.rowCounts?.['data/workout-sets.json']) throw new Error('the export holds no sets');
    clearInterval(sampler);
    const { rows: claimed } = await pool.query<{ ms: number }>(
      `SELECT extract(epoch FROM completed_at - requested_at)::float * 1000 AS ms FROM data_exports WHERE id = $1`,
      [accepted.body.id],
    );
    runs.push({
      days,
      rows: Object.values(done.rowCounts ?? {}).reduce((a, b) => a + b, 0),
      archiveBytes: done.sizeBytes ?? 0,
      endToEndMs,
      processingMs: claimed[0].ms,
      rssBeforeMb,
      rssPeakMb,
    });
  }
  return { runs };
}
