import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Job } from 'bull';
import { Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { JobQueue } from './job-queue.service';
import { ALL_QUEUE_NAMES } from './job-registry';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused'] as const;

/**
 * Queue depth per state (read from Redis at scrape time) and, in the process that runs the
 * jobs, job durations and failures from Bull's local events.
 */
@Injectable()
export class QueueMetricsCollector implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    const jobs = this.jobs;
    new Gauge({
      name: 'fitai_queue_jobs',
      help: 'Jobs per queue and state (failed = the dead-letter set)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        for (const name of ALL_QUEUE_NAMES) {
          try {
            const counts = await jobs.queue(name).getJobCounts();
            for (const state of STATES) {
              this.set(
                { queue: name, state },
                (counts as unknown as Record<string, number>)[state] ?? 0,
              );
            }
          } catch {
            // Redis unreachable: leave the last values; /health/ready reports the outage.
          }
        }
      },
    });

    for (const name of ALL_QUEUE_NAMES) {
      const queue = this.jobs.queue(name);
      queue.on('completed', (job: Job) => this.observe(job, 'completed'));
      queue.on('failed', (job: Job) => {
        this.metrics.jobFailures.inc({ queue: name, job: job.name });
        this.observe(job, 'failed');
      });
    }
  }

  private observe(job: Job, outcome: 'completed' | 'failed'): void {
    if (!job.processedOn) return;
    const seconds = ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000;
    this.metrics.jobDuration.observe({ queue: job.queue.name, job: job.name, outcome }, seconds);
  }
}
