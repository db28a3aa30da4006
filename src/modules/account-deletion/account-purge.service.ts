import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { ALL_QUEUE_NAMES } from '../../infrastructure/queues/job-registry';
import { createRedisClient } from '../../infrastructure/redis/redis.module';
import { Storage } from '../../infrastructure/storage/storage';
import { AuthService } from '../auth/auth.service';
import { EmailsService } from '../emails/emails.service';
import { AccountDeletionStatus } from '../users/account-deletion.vocabulary';
import { UsersService } from '../users/users.service';
import { AccountPurgeRepository } from './account-purge.repository';

/**
 * Where each area keeps a user's files: `<area>/<userId>/...` (storage-key.ts). The purge
 * removes everything under each; an area that stores per-user files adds its name here.
 */
export const USER_STORAGE_AREAS = ['avatars', 'exports', 'imports', 'reports'] as const;

/** The Bull states whose jobs can be removed (an active job is locked: it finds no user). */
const REMOVABLE_STATES = ['waiting', 'delayed', 'paused', 'failed'] as const;

export interface PurgeOutcome {
  outcome: 'purged' | 'skipped';
  rows?: Record<string, number>;
  files?: number;
  jobs?: number;
  redisKeys?: number;
}

/**
 * Worker side of account deletion (docs/account-deletion.md): once the grace period ended,
 * removes or anonymises everything of the account. Idempotent: each step finds nothing the
 * second time, and a deletion already done is skipped. Sessions and sockets first (nothing new
 * gets written), then jobs, files and Redis keys, then the rows in one transaction, then the
 * last email.
 */
@Injectable()
export class AccountPurgeService implements OnApplicationShutdown {
  private readonly logger = new Logger(AccountPurgeService.name);
  private redis?: Redis;

  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly purges: AccountPurgeRepository,
    private readonly storage: Storage,
    private readonly jobs: JobQueue,
    private readonly emails: EmailsService,
    private readonly config: AppConfig,
  ) {}

  async purge(deletionId: string): Promise<PurgeOutcome> {
    const deletion = await this.users.deletionById(deletionId);
    if (!deletion || deletion.status !== AccountDeletionStatus.Purging || !deletion.userId) {
      return { outcome: 'skipped' };
    }
    const userId = deletion.userId;
    const account = await this.users.findById(userId);
    // Refuses before touching anything when a user reference has no policy.
    await this.purges.plan();

    await this.auth.revokeAllSessions(userId);
    const jobs = await this.removeJobs(userId);
    const files = await this.removeFiles(userId);
    const redisKeys = await this.removeRedisKeys(userId);
    const rows = await this.purges.purge(deletionId, userId);
    this.logger.log({ deletionId, userId, rows, files, jobs, redisKeys }, 'account purged');

    if (account) {
      await this.emails
        .sendUnrecorded(account.email, {
          kind: 'account-deletion-done',
          displayName: account.displayName,
        })
        .catch((error: unknown) =>
          this.logger.warn({ err: error, deletionId }, 'the deletion email could not be sent'),
        );
    }
    return { outcome: 'purged', rows, files, jobs, redisKeys };
  }

  /** Queued, delayed and failed jobs whose payload names the user (any field). */
  private async removeJobs(userId: string): Promise<number> {
    let removed = 0;
    for (const name of ALL_QUEUE_NAMES) {
      const queue = this.jobs.queue(name);
      for (const job of await queue.getJobs([...REMOVABLE_STATES])) {
        if (!job || !JSON.stringify(job.data ?? {}).includes(userId)) continue;
        await job.remove().then(
          () => (removed += 1),
          // Taken by a worker meanwhile: it will find no account.
          () => undefined,
        );
      }
    }
    return removed;
  }

  private async removeFiles(userId: string): Promise<number> {
    let removed = 0;
    for (const area of USER_STORAGE_AREAS) {
      for await (const object of this.storage.list(`${area}/${userId}`)) {
        await this.storage.delete(object.key);
        removed += 1;
      }
    }
    return removed;
  }

  /** Every key of this deployment that names the user: caches, counters, quotas, job ids. */
  private async removeRedisKeys(userId: string): Promise<number> {
    this.redis ??= createRedisClient(this.config, 'account-purge', this.config.redis.url, {
      prefixKeys: false,
    });
    const redis = this.redis;
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${this.config.queue.prefix}*${userId}*`,
        'COUNT',
        1000,
      );
      cursor = next;
      if (keys.length) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  }

  async onApplicationShutdown(): Promise<void> {
    const redis = this.redis;
    this.redis = undefined;
    await redis?.quit().catch(() => redis.disconnect());
  }
}
