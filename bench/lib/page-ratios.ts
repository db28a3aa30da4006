import { BenchConfig } from '../config';
import { BenchUser, RunningApi } from './fitai';
import { expectStatus, getJson } from './http';
import { assertMostlyOk, LoadResult, runLoad } from './load';
import { ratio } from './stats';

/** One route of a figure that compares routes with one indexed page read. */
export interface RouteCase {
  label: string;
  path: string;
  result: LoadResult;
  /** p50 and p99 ÷ those of the page read (the plan's first route). */
  p50Ratio: number;
  p99Ratio: number;
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
  for (const item of plan) {
    const result = await runLoad({ ...loadFor(item.path), durationSeconds: config.latencySeconds });
    assertMostlyOk(result, item.label);
    results.push(result);
  }
  const page = results[0].latency;
  return plan.map((item, i) => ({
    ...item,
    result: results[i],
    p50Ratio: ratio(results[i].latency.p50, page.p50),
    p99Ratio: ratio(results[i].latency.p99, page.p99),
  }));
}
