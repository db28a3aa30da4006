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

/** CPU seconds so far of the API and of every backend of the bench database (null: no /proc). */
async function serverCpuSeconds(api: RunningApi, db: Client): Promise<number | null> {
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  const each = await Promise.all([
    cpuSeconds(api.process.child.pid),
    ...rows.map((row) => cpuSeconds(row.pid)),
  ]);
  if (each[0] === null) return null;
  return each.reduce<number>((sum, value) => sum + (value ?? 0), 0);
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
      // A backend that closed during the run takes its CPU with it: rare (pool idle timeout).
      cpu.push(
        before === null || after === null || result.ok === 0
          ? null
          : ((after - before) * 1000) / result.ok,
      );
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
