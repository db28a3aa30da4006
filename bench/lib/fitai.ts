import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BenchConfig } from '../config';
import { expectStatus, mapConcurrent, requestJson } from './http';
import { gitCommit } from './machine';
import { cpuSeconds, freePort, ManagedProcess, startNode, waitUntilReady } from './processes';

export const REPO_ROOT = join(__dirname, '..', '..');

/** The API entrypoint of a built FitAI checkout. */
export function apiScript(root: string): string {
  return join(root, 'dist', 'src', 'main.js');
}

export const API_SCRIPT = apiScript(REPO_ROOT);
export const WORKER_SCRIPT = join(REPO_ROOT, 'dist', 'src', 'worker.js');

/** Another FitAI checkout (BENCH_REFERENCE_DIR), built by whoever set it: the bench only runs it. */
export interface ReferenceBuild {
  dir: string;
  commit: string;
}

export function referenceBuild(dir: string): ReferenceBuild {
  for (const needed of [join(dir, 'node_modules'), apiScript(dir)]) {
    if (!existsSync(needed)) {
      throw new Error(
        `BENCH_REFERENCE_DIR: ${needed} is missing (run npm ci && npm run build in ${dir})`,
      );
    }
  }
  return { dir, commit: gitCommit(dir) };
}

/**
 * Production settings (NODE_ENV=production, real secrets) except for what would make the
 * bench measure something else: rate limits and the summary quota raised out of the way,
 * and LOG_LEVEL=warn (pino writing a line per request would dominate the figures).
 */
export function fitaiEnvironment(config: BenchConfig, mailDir: string): Record<string, string> {
  const secret = () => randomBytes(32).toString('base64url');
  return {
    NODE_ENV: 'production',
    DATABASE_URL: config.databaseUrl,
    DATABASE_POOL_SIZE: String(config.poolSize),
    REDIS_URL: config.redisUrl,
    QUEUE_PREFIX: config.queuePrefix,
    JWT_ACCESS_SECRET: secret(),
    JWT_REFRESH_SECRET: secret(),
    // Longer than a bench run, so no token expires half-way.
    JWT_ACCESS_TTL_SECONDS: '3600',
    APP_URL: 'http://127.0.0.1',
    CORS_ORIGINS: 'http://127.0.0.1',
    SWAGGER_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    THROTTLE_LIMIT: '1000000',
    THROTTLE_AUTH_LIMIT: '1000000',
    SUMMARY_DAILY_QUOTA: '100000',
    AI_COACH_DAILY_QUOTA: '100000',
    MAIL_DIR: mailDir,
    AI_PROVIDER: 'local',
    ...(config.jobConcurrency ? { JOB_CONCURRENCY: String(config.jobConcurrency) } : {}),
  };
}

export interface RunningApi {
  process: ManagedProcess;
  baseUrl: string;
}

/** `node dist/src/main.js` of this checkout, or of another one (`root`) such as a reference. */
export async function startApi(
  env: Record<string, string>,
  root = REPO_ROOT,
  name = 'FitAI API',
  nodeArgs: string[] = [],
): Promise<RunningApi> {
  const port = await freePort();
  const managed = startNode(name, apiScript(root), {
    env: { ...env, PORT: String(port) },
    cwd: root,
    nodeArgs,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(managed, `${baseUrl}/health/ready`);
  return { process: managed, baseUrl };
}

export async function startWorker(
  env: Record<string, string>,
  label: string,
  nodeArgs: string[] = [],
): Promise<ManagedProcess> {
  const port = await freePort();
  const managed = startNode(`FitAI worker ${label}`, WORKER_SCRIPT, {
    env: { ...env, WORKER_PORT: String(port) },
    cwd: REPO_ROOT,
    nodeArgs,
  });
  await waitUntilReady(managed, `http://127.0.0.1:${port}/health/ready`);
  return managed;
}

export interface BenchUser {
  id: string;
  email: string;
  accessToken: string;
}

let registered = 0;

/** Registers accounts through the API (argon2 hashing: a few at a time). */
export function registerUsers(api: RunningApi, count: number, label: string): Promise<BenchUser[]> {
  return mapConcurrent(
    Array.from({ length: count }, () => ++registered),
    4,
    async (n) => {
      const email = `${label}-${n}-${randomBytes(3).toString('hex')}@bench.fitai.dev`;
      const res = expectStatus(
        await requestJson<{ user: { id: string }; accessToken: string }>(
          'POST',
          `${api.baseUrl}/api/v1/auth/register`,
          { body: { email, password: 'correct horse battery staple' } },
        ),
        201,
        'register',
      );
      return { id: res.body.user.id, email, accessToken: res.body.accessToken };
    },
  );
}

/** Worker processes from dist, grown or shrunk on demand (each has its own probe port). */
export class WorkerPool {
  private readonly workers: ManagedProcess[] = [];

  constructor(
    /** The workers' environment (a figure may start a worker of its own with it). */
    readonly env: Record<string, string>,
    readonly nodeArgs: string[] = [],
  ) {}

  get size(): number {
    return this.workers.length;
  }

  async resize(count: number): Promise<void> {
    while (this.workers.length > count) await this.workers.pop()!.stop();
    const starting: Promise<ManagedProcess>[] = [];
    for (let n = this.workers.length; n < count; n++) {
      starting.push(startWorker(this.env, String(n + 1), this.nodeArgs));
    }
    this.workers.push(...(await Promise.all(starting)));
  }

  /** CPU seconds the workers have used so far (null where /proc is not readable). */
  async cpuSeconds(): Promise<number | null> {
    const each = await Promise.all(this.workers.map((w) => cpuSeconds(w.child.pid)));
    return each.some((s) => s === null) ? null : each.reduce((a, b) => a! + b!, 0);
  }

  /** The worker processes' ids (for /proc readings). */
  pids(): number[] {
    return this.workers.map((w) => w.child.pid!);
  }

  /** Throws with its output if a worker died (a crash would silently skew the figures). */
  assertAlive(): void {
    for (const worker of this.workers) worker.assertAlive();
  }

  stopAll(): Promise<void> {
    return this.resize(0);
  }
}
