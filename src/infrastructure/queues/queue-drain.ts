import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type Redis from 'ioredis';
import { APP_ROLE, AppRole } from '../../config/app-role';
import { JobQueue } from './job-queue.service';
import { ALL_QUEUE_NAMES } from './job-registry';

/**
 * Waits (briefly) for Bull connections still in their handshake: closing one mid-handshake
 * makes ioredis reject its internal CLIENT SETNAME with nobody listening, and a SIGTERM right
 * after start-up would end in an unhandled rejection.
 */
async function settleConnections(queue: Queue): Promise<void> {
  const bull = queue as Queue & Record<string, unknown>;
  const connections = (['client', 'eclient', 'bclient'] as const)
    .filter((type) => bull[`${type}Initialized`])
    .map((type) => bull[type] as Redis)
    .filter((connection) => ['wait', 'connecting', 'connect'].includes(connection.status));
  await Promise.all(
    connections.map(
      (connection) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2_000);
          const done = () => resolve(clearTimeout(timer));
          connection.once('ready', done);
          connection.once('end', done);
        }),
    ),
  );
}

/**
 * On shutdown, before PostgreSQL and Redis close (their hooks run later): stop taking jobs,
 * let the active ones finish (in the worker) and close the queue connections. A job cut off by
 * a hard kill is retried by Bull once its lock expires.
 */
@Injectable()
export class QueueDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Queues');

  constructor(
    private readonly jobs: JobQueue,
    @Inject(APP_ROLE) private readonly role: AppRole,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (this.role === 'worker')
      this.logger.log({ signal }, 'draining queues: finishing active jobs');
    await Promise.all(
      ALL_QUEUE_NAMES.map(async (name) => {
        const queue = this.jobs.queue(name);
        await settleConnections(queue);
        await queue.close();
      }),
    );
    if (this.role === 'worker') this.logger.log('queues drained');
  }
}
