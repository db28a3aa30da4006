/**
 * `npm run bench`: builds FitAI, creates and migrates a throwaway database, starts the API,
 * workers, a bare server (and a reference build) as separate processes, measures the figures
 * of bench/README.md (BENCH_FIGURES, all seven by default), prints a report, writes
 * bench/results/latest.json, and cleans up (database, Redis keys, processes, temp files)
 * whatever happens.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { runMigrations } from '../src/infrastructure/database/migrate';
import {
  DEFAULT_EXERCISE_FILE,
  seedExerciseLibrary,
} from '../src/modules/exercises/exercise-seeder';
import { BenchConfig, loadBenchConfig } from './config';
import { benchPool, createDatabase, dropDatabase } from './lib/database';
import {
  API_SCRIPT,
  fitaiEnvironment,
  referenceBuild,
  registerUsers,
  REPO_ROOT,
  RunningApi,
  startApi,
  WORKER_SCRIPT,
  WorkerPool,
} from './lib/fitai';
import { closeHttpAgent } from './lib/http';
import { machineInfo } from './lib/machine';
import { killAllNow, npmRun, stopAll } from './lib/processes';
import { deleteKeys } from './lib/redis';
import { benchPlanGeneration } from './scenarios/plan-generation';
import { BenchFigures, BenchResults, formatExplain, formatReport, toJson } from './lib/report';
import { benchDomainEvents } from './scenarios/domain-events';
import { benchEntriesRead } from './scenarios/entries-read';
import { benchFormAnalysis } from './scenarios/form-analysis';
import { benchFeedRead } from './scenarios/feed-read';
import { benchLeaderboardRead } from './scenarios/leaderboard-read';
import { benchProgressRead } from './scenarios/progress-read';
import { benchRealtime } from './scenarios/realtime';
import { benchReportGeneration } from './scenarios/report-generation';
import { benchRouteOverhead } from './scenarios/route-overhead';
import { benchSummaryLatency } from './scenarios/summary-latency';
import { benchWorkerThroughput, seedWeeks, weekStart } from './scenarios/worker-throughput';
import { benchRecommendations, HISTORY_YEARS } from './scenarios/recommendations';
import { benchDataExport } from './scenarios/data-export';

const RESULTS_FILE = join(REPO_ROOT, 'bench', 'results', 'latest.json');
const startedAt = Date.now();

function log(message: string): void {
  console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}`);
}

/** Everything the run created, so that cleanup removes exactly that and nothing else. */
class Resources {
  databaseCreated = false;
  pool?: Pool;
  workers?: WorkerPool;
  mailDir?: string;
  private cleaning?: Promise<void>;

  constructor(private readonly config: BenchConfig) {}

  cleanup(): Promise<void> {
    this.cleaning ??= this.run();
    return this.cleaning;
  }

  private async run(): Promise<void> {
    const step = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (error) {
        console.error(`cleanup: ${what} failed: ${(error as Error).message}`);
      }
    };
    await step('stopping processes', async () => {
      await this.workers?.stopAll();
      await stopAll();
    });
    await step('closing the pool', async () => this.pool?.end());
    if (this.databaseCreated) {
      await step(`dropping ${this.config.databaseName}`, () =>
        dropDatabase(this.config.adminUrl, this.config.databaseName),
      );
    }
    await step(`deleting Redis keys ${this.config.queuePrefix}:*`, () =>
      deleteKeys(this.config.redisUrl, this.config.queuePrefix),
    );
    if (this.mailDir) rmSync(this.mailDir, { recursive: true, force: true });
    closeHttpAgent();
  }
}

async function measure(config: BenchConfig, resources: Resources): Promise<BenchResults> {
  const selected = (figure: number) => config.figures.includes(figure);
  // Figure 4 uses figure 3's users, seeded weeks and warm worker: it brings 3 along.
  const figure3 = selected(3) || selected(4);
  if (selected(4) && config.freshSamples > config.workerUsers) {
    throw new Error('BENCH_FRESH_SAMPLES must not exceed BENCH_WORKER_USERS');
  }
  const reference =
    selected(1) && config.referenceDir ? referenceBuild(config.referenceDir) : undefined;
  if (config.skipBuild) {
    log('BENCH_SKIP_BUILD=1: using dist/ as it is');
  } else {
    log('building FitAI (npm run build)');
    npmRun('build', REPO_ROOT);
  }
  for (const script of [API_SCRIPT, WORKER_SCRIPT]) {
    if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build`);
  }
  const machine = await machineInfo(config.adminUrl, config.redisUrl, REPO_ROOT);

  log(`creating and migrating database ${config.databaseName}`);
  await createDatabase(config.adminUrl, config.databaseName);
  resources.databaseCreated = true;
  await runMigrations(config.databaseUrl);
  const pool = (resources.pool = benchPool(config.databaseUrl));
  resources.mailDir = mkdtempSync(join(tmpdir(), 'fitai-bench-mail-'));
  const env = fitaiEnvironment(config, resources.mailDir);

  log('starting the FitAI API (node dist/src/main.js)');
  const api: RunningApi = await startApi(env, undefined, undefined, config.nodeArgs);
  const figures: BenchFigures = {};

  if (selected(1)) {
    log(
      `figure 1: FitAI vs a bare server${reference ? ' and the reference build' : ''}, ` +
        `${config.connections} connections, ${config.rounds} rounds per route`,
    );
    const [reader, writer] = await registerUsers(api, 2, 'route');
    figures.routeOverhead = await benchRouteOverhead(
      config,
      env,
      api,
      pool,
      { reader, writer },
      reference,
      log,
    );
  }

  if (selected(2)) {
    log('figure 2: GET /entries for a small and a large history');
    const [small, large] = await registerUsers(api, 2, 'history');
    figures.entriesRead = await benchEntriesRead(config, api, pool, { small, large }, log);
  }

  if ([5, 6, 9, 11, 13, 14, 15].some(selected)) {
    // Figures 5, 6, 9, 11, 13, 14 and 15 train on the shipped exercise library, as `npm run seed` loads it.
    await seedExerciseLibrary(config.databaseUrl, join(REPO_ROOT, DEFAULT_EXERCISE_FILE));
  }

  if (selected(5)) {
    log('figure 5: progress routes over 3 years of training vs one GET /workouts page');
    const [athlete] = await registerUsers(api, 1, 'athlete');
    figures.progress = await benchProgressRead(config, api, pool, athlete, log);
  }

  if (selected(7)) {
    log('figure 7: GET /feed, 1,000 friends over 1,000,000 activities, vs one GET /workouts page');
    const [viewer] = await registerUsers(api, 1, 'feed');
    figures.feed = await benchFeedRead(config, api, pool, viewer, log);
  }

  if (selected(10)) {
    log('figure 10: GET /leaderboards/volume over 100,000 ranked users vs one GET /workouts page');
    const [viewer] = await registerUsers(api, 1, 'board');
    figures.leaderboard = await benchLeaderboardRead(config, api, pool, viewer, log);
  }

  const workers = (resources.workers = new WorkerPool(env, config.nodeArgs));
  if (figure3) {
    log(`figure 3: registering ${config.workerUsers} users and seeding their weeks`);
    const weekUsers = await registerUsers(api, config.workerUsers, 'week');
    // Two weeks per worker run (warm-up, measured), plus one for figure 4.
    const weeks = Array.from({ length: 2 * config.workerProcesses.length + 1 }, (_, i) =>
      weekStart(i + 1),
    );
    await seedWeeks(
      pool,
      weekUsers.map((u) => u.id),
      weeks,
    );
    await pool.query('VACUUM (ANALYZE) entries');
    figures.worker = await benchWorkerThroughput(config, api, pool, workers, weekUsers, weeks, log);

    if (selected(4)) {
      log('figure 4: fresh vs cached summary latency (1 worker process)');
      await workers.resize(1);
      figures.summaries = await benchSummaryLatency(
        config,
        api,
        pool,
        workers,
        weekUsers.slice(0, config.freshSamples),
        weeks[weeks.length - 1],
      );
    }
  }

  if (selected(6)) {
    const [eventUser] = await registerUsers(api, 1, 'events');
    figures.domainEvents = await benchDomainEvents(config, api, pool, workers, eventUser, log);
  }

  if (selected(8)) {
    const [formUser] = await registerUsers(api, 1, 'form');
    figures.formAnalysis = await benchFormAnalysis(
      api,
      formUser,
      { sets: config.formSets, seed: config.formSeed, httpSamples: config.formHttpSamples },
      log,
    );
  }

  if (selected(9)) {
    log(
      `figure 9: plan generation with the local provider (${config.planSamples} plans, 1 worker process)`,
    );
    const planUsers = await registerUsers(api, config.planSamples, 'plans');
    await workers.resize(1);
    figures.plans = await benchPlanGeneration(config, api, pool, workers, planUsers);
  }

  if (selected(11)) {
    const realtimeUsers = await registerUsers(api, 11, 'realtime');
    figures.realtime = await benchRealtime(config, api, pool, workers, realtimeUsers, log);
  }

  if (selected(15)) {
    log(
      `figure 15: recommendations recomputed for users with ${HISTORY_YEARS.join(', ')} years of history`,
    );
    const recommendationUsers = await registerUsers(api, HISTORY_YEARS.length, 'recommendations');
    figures.recommendations = await benchRecommendations(
      config,
      pool,
      workers,
      recommendationUsers,
      config.recommendationRounds,
      log,
    );
  }

  if (selected(14)) {
    log(
      `figure 14: data export of ${config.exportYears.join(', ')} years of history (1 worker process)`,
    );
    const exportUsers = await registerUsers(api, config.exportYears.length, 'export');
    figures.dataExport = await benchDataExport(config, api, pool, workers, exportUsers, log);
  }

  if (selected(13)) {
    log(
      `figure 13: monthly PDF reports, ${config.reportSamples} one after the other (1 worker process)`,
    );
    const [reportUser] = await registerUsers(api, 1, 'reports');
    await workers.resize(1);
    figures.reports = await benchReportGeneration(config, api, pool, workers, reportUser);
  }

  return {
    generatedAt: new Date().toISOString(),
    totalSeconds: (Date.now() - startedAt) / 1000,
    machine,
    settings: settingsOf(config),
    ...figures,
  };
}

function settingsOf(config: BenchConfig): BenchResults['settings'] {
  return {
    figures: config.figures.join(','),
    formSets: config.formSets,
    formSeed: config.formSeed,
    formHttpSamples: config.formHttpSamples,
    poolSize: config.poolSize,
    durationSeconds: config.durationSeconds,
    warmupSeconds: config.warmupSeconds,
    connections: config.connections,
    rounds: config.rounds,
    referenceDir: config.referenceDir ?? '',
    latencySeconds: config.latencySeconds,
    latencyConnections: config.latencyConnections,
    smallUserEntries: config.smallUserEntries,
    largeUserEntries: config.largeUserEntries,
    historyDays: config.historyDays,
    workerUsers: config.workerUsers,
    workerProcesses: config.workerProcesses.join(','),
    freshSamples: config.freshSamples,
    planSamples: config.planSamples,
    cachedRequests: config.cachedRequests,
    pollIntervalMs: config.pollIntervalMs,
    eventSamples: config.eventSamples,
    eventBacklog: config.eventBacklog,
    realtimeSamples: config.realtimeSamples,
    idleSockets: config.idleSockets,
    recommendationRounds: config.recommendationRounds,
    reportSamples: config.reportSamples,
  };
}

async function main(): Promise<number> {
  const config = loadBenchConfig();
  const resources = new Resources(config);
  const interrupt = (signal: string) => {
    console.error(`\n${signal}: stopping and cleaning up...`);
    void resources.cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => interrupt('SIGINT'));
  process.once('SIGTERM', () => interrupt('SIGTERM'));

  try {
    const results = await measure(config, resources);
    await resources.cleanup();
    results.totalSeconds = (Date.now() - startedAt) / 1000;
    mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(RESULTS_FILE, toJson(results));
    const explain = formatExplain(results);
    if (explain) {
      console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the measured queries, as FitAI sends them\n`);
      console.log(explain);
    }
    console.log(`\n${formatReport(results)}\n`);
    console.log(`JSON: ${RESULTS_FILE}`);
    return 0;
  } catch (error) {
    console.error(`\nbench failed: ${(error as Error).stack ?? String(error)}`);
    await resources.cleanup();
    return 1;
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error);
    killAllNow();
    process.exit(1);
  });
