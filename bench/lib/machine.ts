import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { serverVersion } from './database';
import { redisVersion } from './redis';

export interface MachineInfo {
  node: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  postgres: string;
  redis: string;
  /** FitAI commit measured, with a flag for uncommitted changes. */
  commit: string;
}

/** The checkout's commit, flagged when its src/ or migrations/ have uncommitted changes. */
export function gitCommit(cwd: string): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' });
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'migrations'], {
      cwd,
      encoding: 'utf8',
    });
    return `${sha.trim()}${dirty.trim() ? ' + uncommitted changes in src/' : ''}`;
  } catch {
    return 'unknown';
  }
}

export async function machineInfo(
  adminUrl: string,
  redisUrl: string,
  repoRoot: string,
): Promise<MachineInfo> {
  return {
    node: process.version,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`,
    postgres: await serverVersion(adminUrl),
    redis: await redisVersion(redisUrl),
    commit: gitCommit(repoRoot),
  };
}
