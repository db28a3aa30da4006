import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import Redis from 'ioredis';
import { withTimeout } from '../../common/async/with-timeout';
import { InjectRedis } from '../../infrastructure/redis/redis.module';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { ALL_QUEUE_NAMES } from '../../infrastructure/queues/job-registry';

const CHECK_TIMEOUT_MS = 1_500;

export interface Readiness {
  ready: boolean;
  result: HealthCheckResult;
}

/** Liveness and readiness, shared by the API's controller and the worker's probe server. */
@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly jobs: JobQueue,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  async readiness(): Promise<Readiness> {
    try {
      const result = await this.health.check([
        () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
        () => this.checkRedis(),
        () => this.checkQueues(),
      ]);
      return { ready: true, result };
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        return { ready: false, result: error.getResponse() as HealthCheckResult };
      }
      throw error;
    }
  }

  private async checkRedis() {
    const check = this.indicator.check('redis');
    try {
      await withTimeout(this.redis.ping(), CHECK_TIMEOUT_MS, 'redis ping timed out');
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  /** Bull talks to Redis over its own connections; check the queues can actually answer. */
  private async checkQueues() {
    const check = this.indicator.check('queues');
    try {
      await withTimeout(
        Promise.all(ALL_QUEUE_NAMES.map((name) => this.jobs.queue(name).client.ping())),
        CHECK_TIMEOUT_MS,
        'queue ping timed out',
      );
      return check.up({ queues: [...ALL_QUEUE_NAMES] });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
