import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from './job-queue.service';
import { QUEUE_OF_JOB, RECURRING_JOBS, RecurringJobName } from './job-registry';

/**
 * Worker only: keeps every job of RECURRING_JOBS registered as a Bull repeatable job. Checks at
 * start and every RECURRING_JOBS_CHECK_MS, so a schedule Redis forgot (a restart without
 * persistence, a failover) comes back by itself; an interval changed by configuration replaces
 * the old one. Registering is idempotent, so every worker replica does it.
 */
@Injectable()
export class RecurringJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RecurringJobs.name);
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureAll();
    this.timer = setInterval(() => void this.ensureAll(), this.config.queue.recurringCheckMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
  }

  /** Registers what is missing; returns the jobs it (re-)registered. Never throws. */
  async ensureAll(): Promise<RecurringJobName[]> {
    const run = this.ensure();
    this.checking = run.then(() => undefined);
    return run;
  }

  private async ensure(): Promise<RecurringJobName[]> {
    const registered: RecurringJobName[] = [];
    for (const [name, everyMs] of Object.entries(RECURRING_JOBS) as [
      RecurringJobName,
      (config: AppConfig) => number,
    ][]) {
      try {
        const every = everyMs(this.config);
        const queue = this.jobs.queue(QUEUE_OF_JOB[name]);
        const existing = (await queue.getRepeatableJobs()).filter((job) => job.name === name);
        if (existing.some((job) => Number(job.every) === every)) continue;
        for (const stale of existing) await queue.removeRepeatableByKey(stale.key);
        await this.jobs.schedule(name, {}, every);
        registered.push(name);
      } catch (error) {
        this.logger.warn(
          { err: error, job: name },
          'recurring job not checked (Redis unavailable)',
        );
      }
    }
    if (registered.length) this.logger.log({ jobs: registered }, 'recurring jobs registered');
    return registered;
  }
}
