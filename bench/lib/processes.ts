import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { getJson } from './http';

const OUTPUT_LINES_KEPT = 40;

/**
 * A child process the bench started (API, worker, baseline server). Its output is kept (last
 * lines) to explain a failure; every live one is killed when the bench exits, however it exits.
 */
export class ManagedProcess {
  readonly exited: Promise<number | null>;
  private readonly output: string[] = [];
  private exitCode: number | null | undefined;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        this.output.push(line);
        if (this.output.length > OUTPUT_LINES_KEPT) this.output.shift();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? null : 0);
        LIVE.delete(this);
        resolve(this.exitCode);
      });
      child.once('error', (error) => {
        this.output.push(`spawn error: ${error.message}`);
        this.exitCode = null;
        LIVE.delete(this);
        resolve(null);
      });
    });
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Throws, with its last output, when the process has exited. */
  assertAlive(): void {
    if (!this.running) throw new Error(`${this.name} exited:\n${this.recentOutput()}`);
  }

  /** The last lines the process wrote, for error messages. */
  recentOutput(): string {
    return this.output.length ? this.output.map((l) => `    ${l}`).join('\n') : '    (no output)';
  }

  /** SIGTERM (graceful shutdown), then SIGKILL after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

const LIVE = new Set<ManagedProcess>();

/**
 * CPU time (user + system) a live process has used so far, in seconds, from /proc (Linux,
 * whose /proc counts in USER_HZ = 100 ticks a second); null where /proc is not there. Unlike
 * throughput, it hardly moves when other programs compete for the cores.
 */
export async function cpuSeconds(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// Last line of defence (uncaught error, process.exit): nothing the bench started survives it.
process.on('exit', () => {
  for (const managed of LIVE) managed.child.kill('SIGKILL');
});

/** Starts `node <script>` in `cwd` with exactly `env` (plus PATH/HOME), output captured. */
export function startNode(
  name: string,
  script: string,
  options: { env: Record<string, string>; cwd: string; nodeArgs?: string[] },
): ManagedProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const managed = new ManagedProcess(name, child);
  LIVE.add(managed);
  return managed;
}

/** Polls `url` until it answers 200; fails early, with the output, if the process dies. */
export async function waitUntilReady(
  managed: ManagedProcess,
  url: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!managed.running) {
      throw new Error(`${managed.name} exited during start-up:\n${managed.recentOutput()}`);
    }
    const status = await getJson(url)
      .then((r) => r.status)
      .catch(() => 0);
    if (status === 200) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${managed.name} not ready at ${url} after ${timeoutMs} ms:\n${managed.recentOutput()}`,
      );
    }
    await sleep(100);
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...LIVE].map((managed) => managed.stop()));
}

export function killAllNow(): void {
  for (const managed of LIVE) managed.child.kill('SIGKILL');
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `npm run <script>` in the repository, output shown; throws on failure. */
export function npmRun(script: string, cwd: string): void {
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', script], { cwd, stdio: 'inherit' })
    : spawnSync('npm', ['run', script], { cwd, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`npm run ${script} failed (exit ${result.status ?? result.signal})`);
  }
}

/** A process's resident memory now, in MB (from /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
