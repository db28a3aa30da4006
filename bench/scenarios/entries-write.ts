import { randomInt } from 'node:crypto';
import { BenchConfig } from '../config';
import { BenchUser, REPO_ROOT, RunningApi } from '../lib/fitai';
import { assertMostlyOk, LoadResult, runLoad } from '../lib/load';
import { freePort, startNode, waitUntilReady } from '../lib/processes';
import { ratio } from '../lib/stats';
import { join } from 'node:path';

export interface EntriesWriteFigure {
  connections: number;
  durationSeconds: number;
  fitai: LoadResult;
  baseline: LoadResult;
  /** FitAI req/s ÷ baseline req/s (1 = as fast as the bare server). */
  throughputRatio: number;
  /** FitAI p99 ÷ baseline p99. */
  p99Ratio: number;
}

const TYPES = ['mood', 'habit', 'activity', 'meal', 'sleep', 'custom'] as const;
const TAGS = ['running', 'good sleep', 'friends', 'work', 'outside', 'yoga', 'late', 'family'];
const NOTES = [
  'Slept well, great run before work.',
  'Long day at the office, tired but calm.',
  'Lunch with friends, felt really good afterwards.',
  'Skipped the gym, back hurts a little.',
  'Evening yoga, very relaxed.',
];
const MONTH_MS = 30 * 86_400_000;

/** A realistic POST /entries body; most fields vary from one request to the next. */
export function entryBody(): Record<string, unknown> {
  const type = TYPES[randomInt(TYPES.length)];
  const tags = [
    ...new Set(Array.from({ length: randomInt(4) }, () => TAGS[randomInt(TAGS.length)])),
  ];
  return {
    occurredAt: new Date(Date.now() - randomInt(MONTH_MS)).toISOString(),
    type,
    mood: 1 + randomInt(10),
    energy: 1 + randomInt(10),
    ...(randomInt(3) === 0 ? {} : { note: NOTES[randomInt(NOTES.length)] }),
    tags,
    ...(type === 'sleep' ? { value: 5 + randomInt(40) / 10, unit: 'h' } : {}),
  };
}

/**
 * Figure 1: POST /api/v1/entries on FitAI vs the bare node:http + pg server doing the same
 * INSERT, same machine, same pool size, same connections and duration. Each gets a warm-up.
 */
export async function benchEntriesWrite(
  config: BenchConfig,
  api: RunningApi,
  user: BenchUser,
): Promise<EntriesWriteFigure> {
  const port = await freePort();
  const baseline = startNode('baseline server', join(REPO_ROOT, 'bench', 'baseline-server.ts'), {
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: config.databaseUrl,
      DATABASE_POOL_SIZE: String(config.poolSize),
      BASELINE_USER_ID: user.id,
    },
    cwd: REPO_ROOT,
    nodeArgs: ['-r', require.resolve('ts-node/register')],
  });
  try {
    const baselineUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady(baseline, `${baselineUrl}/health/ready`);

    const measure = async (name: string, url: string, headers: Record<string, string>) => {
      const load = {
        url,
        method: 'POST' as const,
        headers,
        makeBody: entryBody,
        connections: config.connections,
        expectStatus: 201,
      };
      if (config.warmupSeconds > 0)
        await runLoad({ ...load, durationSeconds: config.warmupSeconds });
      const result = await runLoad({ ...load, durationSeconds: config.durationSeconds });
      assertMostlyOk(result, `POST entries on ${name}`);
      return result;
    };

    const fitai = await measure('FitAI', `${api.baseUrl}/api/v1/entries`, {
      authorization: `Bearer ${user.accessToken}`,
    });
    const bare = await measure('baseline', `${baselineUrl}/entries`, {});
    return {
      connections: config.connections,
      durationSeconds: config.durationSeconds,
      fitai,
      baseline: bare,
      throughputRatio: ratio(fitai.requestsPerSecond, bare.requestsPerSecond),
      p99Ratio: ratio(fitai.latency.p99, bare.latency.p99),
    };
  } finally {
    await baseline.stop();
  }
}
