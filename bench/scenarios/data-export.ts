import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { seedHistory } from '../../test/support/data-rights';
import { BenchConfig } from '../config';
import { BenchUser, RunningApi, startWorker, WorkerPool } from '../lib/fitai';
import { expectStatus, getJson } from '../lib/http';
import { median } from '../lib/stats';
import { waitUntilCompleted } from '../lib/poll';
import { ManagedProcess, rssMb, sleep } from '../lib/processes';

const DAYS_PER_YEAR = 365;
const HEAP_SAMPLE_MS = 25;
/** The idle time before each export: the level before is the median of its samples. */
const IDLE_BEFORE_MS = 3_000;

/**
 * Preloaded (`-r`) into the measured worker, started with `--expose-gc`: it forces two full
 * collections 5 ms apart and appends `<epoch ms> <heapUsed> <external>` to HEAP_PROBE_FILE,
 * every HEAP_PROBE_MS or as long as the last sample took, whichever is longer, up to half a
 * second apart. The second collection comes after V8 has freed the dead Buffers' memory (it
 * does so on another thread): measured right after one, `external` still counted dead pages of
 * rows, the more the faster rows went by, and a big table's export looked like a climb. After
 * them, heapUsed is the live JavaScript heap and external the live Buffers (zlib's, pg's, the
 * streams'): the samples show what is held, not what the allocator kept (RSS).
 * Written out at run time: the worker runs from dist/ with plain node, bench/ is not compiled.
 */
const HEAP_PROBE = `
const { openSync, writeSync } = require('node:fs');
const fd = openSync(process.env.HEAP_PROBE_FILE, 'a');
const every = Number(process.env.HEAP_PROBE_MS);
function sample() {
  const started = Date.now();
  global.gc();
  // V8 frees dead Buffers' memory after the collection, on another thread: a second one a few
  // ms later counts only what is still held.
  setTimeout(() => {
    global.gc();
    const took = Date.now() - started;
    const m = process.memoryUsage();
    writeSync(fd, Date.now() + ' ' + m.heapUsed + ' ' + m.external + '\\n');
    setTimeout(sample, Math.min(500, Math.max(every, took))).unref();
  }, 5).unref();
}
setTimeout(sample, every).unref();
`;

interface HeapSample {
  at: number;
  liveBytes: number;
}

function readSamples(file: string): HeapSample[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [at, heap, external] = line.split(' ').map(Number);
      return { at, liveBytes: heap + external };
    });
}

export interface DataExportRun {
  /** Years of history: a workout every other day (16 sets), a journal entry a day, a weekly reading. */
  years: number;
  rows: number;
  archiveBytes: number;
  /** GET /users/data-export 202 → status completed, as a client sees it (polling). */
  endToEndMs: number;
  /** Request → completion on PostgreSQL's clock (the row's requested_at → completed_at). */
  processingMs: number;
  /** The worker's resident memory just before, and its peak while exporting (sampled every 20 ms). */
  rssBeforeMb: number;
  rssPeakMb: number;
  /**
   * Live memory (heapUsed + external after a forced full GC): the median of the samples of the
   * idle seconds before the request, and every sample from the request to the first one after
   * completion, as MB above that level (in order); the median gap between samples.
   */
  liveBeforeMb: number;
  liveRisesMb: number[];
  sampleGapMs: number;
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
 * Figure 14: a full data export for a user with each of BENCH_EXPORT_YEARS of training and
 * journal (1, 3, 6 and 12 by default), one worker process otherwise idle (started with a heap
 * probe): time, the worker's live memory above its level before, sampled all through the
 * export (after forced collections), and its resident memory. The aim is a rise that does not
 * grow with the history (rows go from a cursor to the zip stream a page at a time, and the zip
 * goes to storage as it is made): the same median and peak at 1 year as at 12.
 */
export async function benchDataExport(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  workers: WorkerPool,
  users: BenchUser[],
  log: (line: string) => void,
): Promise<DataExportFigure> {
  // The pool's workers make way for one worker of our own, with the heap probe preloaded.
  await workers.resize(0);
  const dir = mkdtempSync(join(tmpdir(), 'fitai-heap-probe-'));
  const probe = join(dir, 'probe.js');
  const samplesFile = join(dir, 'samples.txt');
  writeFileSync(probe, HEAP_PROBE);
  writeFileSync(samplesFile, '');
  const worker = await startWorker(
    { ...workers.env, HEAP_PROBE_FILE: samplesFile, HEAP_PROBE_MS: String(HEAP_SAMPLE_MS) },
    'export (heap probe)',
    [...workers.nodeArgs, '--expose-gc', '-r', probe],
  );
  try {
    return { runs: await measure(config, api, pool, worker, samplesFile, users, log) };
  } finally {
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  worker: ManagedProcess,
  samplesFile: string,
  users: BenchUser[],
  log: (line: string) => void,
): Promise<DataExportRun[]> {
  const pid = worker.child.pid!;
  const runs: DataExportRun[] = [];
  for (const [i, years] of config.exportYears.entries()) {
    const user = users[i];
    log(`figure 14: seeding ${years} year(s) of history`);
    await seedHistory(
      { query: async (sql, params) => (await pool.query(sql, params)).rows },
      user.id,
      years * DAYS_PER_YEAR,
    );
    await pool.query('VACUUM ANALYZE');
    const idleFrom = Date.now();
    await sleep(IDLE_BEFORE_MS);
    const requestedAt = Date.now();
    const rssBeforeMb = rssMb(pid);
    let rssPeakMb = rssBeforeMb;
    const sampler = setInterval(() => {
      try {
        rssPeakMb = Math.max(rssPeakMb, rssMb(pid));
      } catch {
        clearInterval(sampler); // the worker is gone: the loop below says why
      }
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
      workers: worker,
    });
    const endToEndMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (!done.rowCounts?.['data/workout-sets.json']) throw new Error('the export holds no sets');
    clearInterval(sampler);
    const finishedAt = Date.now();
    // Wait for a sample after completion (it may still hold the export's last buffers).
    const waitUntil = Date.now() + 10_000;
    while (!readSamples(samplesFile).some((x) => x.at > finishedAt) && Date.now() < waitUntil) {
      await sleep(HEAP_SAMPLE_MS);
    }
    const samples = readSamples(samplesFile);
    // The level before: the samples of the idle seconds before the request; during: every
    // sample from the request to the first one after completion (it may still hold the
    // export's last buffers).
    const before = samples.filter((x) => x.at >= idleFrom && x.at < requestedAt);
    const after = samples.findIndex((x) => x.at > finishedAt);
    const during = samples
      .slice(0, after === -1 ? samples.length : after + 1)
      .filter((x) => x.at >= requestedAt);
    if (before.length === 0 || during.length === 0)
      throw new Error('the heap probe took no samples');
    const liveBeforeMb = median(before.map((x) => x.liveBytes)) / 2 ** 20;
    const gaps = during.slice(1).map((x, k) => x.at - during[k].at);
    const { rows: claimed } = await pool.query<{ ms: number }>(
      `SELECT extract(epoch FROM completed_at - requested_at)::float * 1000 AS ms FROM data_exports WHERE id = $1`,
      [accepted.body.id],
    );
    runs.push({
      years,
      rows: Object.values(done.rowCounts ?? {}).reduce((a, b) => a + b, 0),
      archiveBytes: done.sizeBytes ?? 0,
      endToEndMs,
      processingMs: claimed[0].ms,
      rssBeforeMb,
      rssPeakMb,
      liveBeforeMb,
      liveRisesMb: during.map((x) => x.liveBytes / 2 ** 20 - liveBeforeMb),
      sampleGapMs: gaps.length ? median(gaps) : 0,
    });
  }
  return runs;
}
