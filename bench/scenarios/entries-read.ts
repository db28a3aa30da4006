import type { Pool } from 'pg';
import { decodeCursor } from '../../src/common/pagination/cursor';
import { BenchConfig } from '../config';
import { explainFindPage, ExplainedQuery } from '../lib/explain';
import { BenchUser, RunningApi } from '../lib/fitai';
import { expectStatus, getJson } from '../lib/http';
import { assertMostlyOk, LoadResult, runLoad } from '../lib/load';
import { ratio } from '../lib/stats';

const PAGE_SIZE = 50;

/** 1000 → "1k", 1000000 → "1M". */
export function sizeLabel(entries: number): string {
  return entries >= 1_000_000
    ? `${entries / 1_000_000}M`
    : entries >= 1_000
      ? `${entries / 1_000}k`
      : String(entries);
}

export interface PageCase {
  label: string;
  entries: number;
  page: 'first' | 'deep';
  path: string;
  result: LoadResult;
}

export interface EntriesReadFigure {
  connections: number;
  seconds: number;
  seedSeconds: number;
  cases: PageCase[];
  /** large-user p50 ÷ small-user p50, per page kind (1 = history size does not matter). */
  ratios: { page: 'first' | 'deep'; p50: number; p99: number }[];
  explain: ExplainedQuery[];
}

/**
 * One INSERT ... SELECT from generate_series: `count` entries spread evenly over the last
 * `days` days (newest an hour ago), all types, moods, energies, some notes, 1-3 tags.
 */
export async function seedHistory(
  pool: Pool,
  userId: string,
  count: number,
  days: number,
): Promise<void> {
  await pool.query(
    `INSERT INTO entries (user_id, occurred_at, type, mood, energy, note, tags, value, unit)
     SELECT $1::uuid,
            now() - interval '1 hour'
                  - (interval '1 second') * floor(($3::float8 * 86400) * (i - 1) / $2::float8),
            (ARRAY['mood','habit','activity','meal','sleep','custom']::entry_type[])[1 + i % 6],
            CASE WHEN i % 4 = 3 THEN NULL ELSE 1 + (i * 7) % 10 END,
            1 + (i * 3) % 10,
            CASE WHEN i % 5 = 0 THEN 'Seeded note ' || i || ': slept ok, short walk, felt fine.' END,
            CASE i % 5 WHEN 0 THEN ARRAY['running']
                       WHEN 1 THEN ARRAY['sleep', 'late']
                       WHEN 2 THEN ARRAY['friends', 'outside']
                       WHEN 3 THEN ARRAY['work']
                       ELSE ARRAY['running', 'friends', 'outside'] END,
            CASE WHEN i % 6 = 4 THEN round((5 + (i % 40) / 10.0)::numeric, 1) END,
            CASE WHEN i % 6 = 4 THEN 'h' END
       FROM generate_series(1, $2::int) AS i`,
    [userId, count, days],
  );
}

/**
 * Figure 2: GET /api/v1/entries?limit=50 for a user with 1k and one with 1M entries, first
 * page and a page in the middle of the history (following a cursor the API handed out).
 */
export async function benchEntriesRead(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  users: { small: BenchUser; large: BenchUser },
  log: (message: string) => void,
): Promise<EntriesReadFigure> {
  const seeding = Date.now();
  await seedHistory(pool, users.small.id, config.smallUserEntries, config.historyDays);
  log(`seeding ${config.largeUserEntries.toLocaleString('en-US')} entries (one INSERT ... SELECT)`);
  await seedHistory(pool, users.large.id, config.largeUserEntries, config.historyDays);
  // VACUUM too: sets hint bits and the visibility map now, and keeps autovacuum (triggered by
  // a million inserts) from starting in the middle of later measurements.
  await pool.query('VACUUM (ANALYZE) entries');
  const seedSeconds = (Date.now() - seeding) / 1000;
  log(`seeded in ${seedSeconds.toFixed(1)} s`);

  const middle = new Date(Date.now() - (config.historyDays / 2) * 86_400_000).toISOString();
  const plan: {
    label: string;
    user: BenchUser;
    entries: number;
    page: 'first' | 'deep';
    path: string;
  }[] = [];
  const deepCursors = new Map<BenchUser, string>();
  for (const [user, entries] of [
    [users.small, config.smallUserEntries],
    [users.large, config.largeUserEntries],
  ] as const) {
    // A cursor the API itself hands out, positioned in the middle of the history.
    const probe = expectStatus(
      await getJson<{ meta: { nextCursor: string | null } }>(
        `${api.baseUrl}/api/v1/entries?limit=1&to=${encodeURIComponent(middle)}`,
        user.accessToken,
      ),
      200,
      'GET entries (cursor probe)',
    );
    const cursor = probe.body.meta.nextCursor;
    if (!cursor) throw new Error('no cursor in the middle of the history');
    deepCursors.set(user, cursor);
    const size = sizeLabel(entries);
    plan.push(
      {
        label: `${size} entries, first page`,
        user,
        entries,
        page: 'first',
        path: `/api/v1/entries?limit=${PAGE_SIZE}`,
      },
      {
        label: `${size} entries, middle page (cursor)`,
        user,
        entries,
        page: 'deep',
        path: `/api/v1/entries?limit=${PAGE_SIZE}&cursor=${cursor}`,
      },
    );
  }

  const loadFor = (item: (typeof plan)[number]) => ({
    url: `${api.baseUrl}${item.path}`,
    headers: { authorization: `Bearer ${item.user.accessToken}` },
    connections: config.latencyConnections,
    expectStatus: 200,
  });
  // Check every case, then warm all of them up before measuring any (JIT, caches, hint bits),
  // so that the first case measured is not the one that paid for the warm-up.
  for (const item of plan) {
    const check = expectStatus(
      await getJson<{ items: unknown[] }>(loadFor(item).url, item.user.accessToken),
      200,
      `GET ${item.label}`,
    );
    if (check.body.items.length !== PAGE_SIZE) {
      throw new Error(`${item.label}: expected ${PAGE_SIZE} items, got ${check.body.items.length}`);
    }
    await runLoad({ ...loadFor(item), durationSeconds: 1 });
  }
  const cases: PageCase[] = [];
  for (const item of plan) {
    const result = await runLoad({ ...loadFor(item), durationSeconds: config.latencySeconds });
    assertMostlyOk(result, `GET ${item.label}`);
    cases.push({
      label: item.label,
      entries: item.entries,
      page: item.page,
      path: item.path,
      result,
    });
  }

  const ratios = (['first', 'deep'] as const).map((page) => {
    const [small, large] = cases.filter((c) => c.page === page);
    return {
      page,
      p50: ratio(large.result.latency.p50, small.result.latency.p50),
      p99: ratio(large.result.latency.p99, small.result.latency.p99),
    };
  });

  const large = `${sizeLabel(config.largeUserEntries)}-entry user`;
  const explain = await explainFindPage(config.databaseUrl, users.large.id, [
    { label: `first page, ${large}`, filter: { limit: PAGE_SIZE } },
    {
      label: `middle page (cursor), ${large}`,
      filter: { limit: PAGE_SIZE, before: decodeCursor(deepCursors.get(users.large)!) },
    },
  ]);

  return {
    connections: config.latencyConnections,
    seconds: config.latencySeconds,
    seedSeconds,
    cases,
    ratios,
    explain,
  };
}
