import { Client } from 'pg';
import { BenchConfig } from '../config';
import { BenchUser, RunningApi } from './fitai';
import { expectStatus, getJson } from './http';
import { assertMostlyOk, LoadResult, runLoad } from './load';
import { cpuSeconds } from './processes';
import { ratio } from './stats';

/** One route of a figure that compares routes with one indexed page read. */
export interface RouteCase {
  label: string;
  path: string;
  result: LoadResult;
  /** p50 and p99 ÷ those of the page read (the plan's first route). */
  p50Ratio: number;
  p99Ratio: number;
  /**
   * CPU time (ms) per answer of the API process and of the bench database's PostgreSQL
   * backends, from /proc (null without it), and ÷ the page read's: unlike latency, it hardly
   * moves when other programs compete for the cores.
   */
  cpuMsPerRequest: number | null;
  cpuRatio: number | null;
}

/** CPU seconds so far of the API (key 0) and of every backend of the bench database, by pid. */
async function serverCpuSeconds(api: RunningApi, db: Client): Promise<Map<number, number>> {
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  const seconds = new Map<number, number>();
  const pids = [api.process.child.pid ?? -1, ...rows.map((row) => row.pid)];
  for (const [i, pid] of pids.entries()) {
    const used = await cpuSeconds(pid);
    if (used !== null) seconds.set(i === 0 ? 0 : pid, used);
  }
  return seconds;
}

/**
 * CPU seconds used between two readings: of the processes alive at the second (a backend the
 * pool opened meanwhile counts whole; one it closed takes its share with it). Null without /proc.
 */
function cpuUsed(before: Map<number, number>, after: Map<number, number>): number | null {
  if (!after.has(0)) return null;
  let used = 0;
  for (const [pid, seconds] of after) used += seconds - (before.get(pid) ?? 0);
  return used;
}

/**
 * Figures 5, 7 and 10: every route of `plan` (the first is the page read the others are
 * compared with) answered once as expected and warmed up, then each measured in turn for
 * BENCH_LATENCY_SECONDS at BENCH_LATENCY_CONNECTIONS, as figure 2.
 */
export async function measureAgainstPage(
  config: BenchConfig,
  api: RunningApi,
  user: BenchUser,
  plan: { label: string; path: string }[],
): Promise<RouteCase[]> {
  const loadFor = (path: string) => ({
    url: `${api.baseUrl}${path}`,
    headers: { authorization: `Bearer ${user.accessToken}` },
    connections: config.latencyConnections,
    expectStatus: 200,
  });
  for (const item of plan) {
    expectStatus(await getJson(loadFor(item.path).url, user.accessToken), 200, item.label);
    await runLoad({ ...loadFor(item.path), durationSeconds: 1 });
  }
  const results: LoadResult[] = [];
  const cpu: (number | null)[] = [];
  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  try {
    for (const item of plan) {
      const before = await serverCpuSeconds(api, db);
      const result = await runLoad({
        ...loadFor(item.path),
        durationSeconds: config.latencySeconds,
      });
      const after = await serverCpuSeconds(api, db);
      assertMostlyOk(result, item.label);
      results.push(result);
      const used = cpuUsed(before, after);
      cpu.push(used === null || result.ok === 0 ? null : (used * 1000) / result.ok);
    }
  } finally {
    await db.end();
  }
  const page = results[0].latency;
  return plan.map((item, i) => ({
    ...item,
    result: results[i],
    p50Ratio: ratio(results[i].latency.p50, page.p50),
    p99Ratio: ratio(results[i].latency.p99, page.p99),
    cpuMsPerRequest: cpu[i],
    cpuRatio: cpu[i] === null || cpu[0] === null ? null : ratio(cpu[i]!, cpu[0]!),
  }));
}
