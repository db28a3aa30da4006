import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { APP_ROLE, AppRole } from '../../config/app-role';

/**
 * One Prometheus registry per process (not prom-client's global one, so an API and a worker
 * booted in the same test process do not collide). Other modules add their own metrics to it.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'fitai_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'fitai_job_duration_seconds',
    help: 'Time spent processing a job, by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'fitai_job_failures_total',
    help: 'Job attempts that threw, by queue and job name',
    labelNames: ['queue', 'job'] as const,
    registers: [this.registry],
  });

  constructor(@Inject(APP_ROLE) role: AppRole) {
    this.registry.setDefaultLabels({ role });
    collectDefaultMetrics({ register: this.registry, prefix: 'fitai_' });
  }

  /**
   * Fastify `onResponse` hook timing every request, labelled by route pattern (not raw URL):
   * fastify measures the time itself (`elapsedTime`, ms), so there is no timer closure or
   * `finish` listener per request.
   */
  readonly observeRequest = (req: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    this.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
    done();
  };

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
