import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A TypeScript entry of the repository run as its own process, the way ops run one: with
 * exactly the given environment (and PATH), output piped to the test.
 */
export function spawnEntry(entry: string, env: Record<string, string>, args: string[] = []) {
  return spawn(process.execPath, ['-r', 'ts-node/register', entry, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts a TypeScript entry as a child process and resolves once it prints `ready`. */
export async function startReadyProcess(
  entry: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ChildProcess> {
  const child = spawnEntry(entry, env);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not print "ready" within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (/^ready$/m.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${output}`));
    });
  });
  return child;
}

/** Kills with SIGKILL (no shutdown hooks run) and waits for the exit. */
export function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
