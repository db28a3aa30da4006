import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER } from './job-handler.decorator';
import { ALL_JOB_NAMES, ALL_QUEUE_NAMES, JobName, QUEUE_OF_JOB } from './job-registry';

export interface FoundHandler {
  job: JobName;
  /** The processor class the handler lives in. */
  processor: string;
}

/**
 * Throws unless every registered job name has exactly one handler, and each queue's
 * handlers live in one processor class (one processing registration per queue).
 */
export function assertEveryJobHasOneHandler(found: FoundHandler[]): void {
  const jobs = found.map((f) => f.job);
  const missing = ALL_JOB_NAMES.filter((name) => !jobs.includes(name));
  const duplicated = [...new Set(jobs.filter((name, i) => jobs.indexOf(name) !== i))];
  const split = ALL_QUEUE_NAMES.filter(
    (queue) =>
      new Set(found.filter((f) => QUEUE_OF_JOB[f.job] === queue).map((f) => f.processor)).size > 1,
  );
  const problems = [
    ...(missing.length ? [`no processor for job(s): ${missing.join(', ')}`] : []),
    ...(duplicated.length ? [`more than one processor for job(s): ${duplicated.join(', ')}`] : []),
    ...(split.length
      ? [`handlers of queue(s) ${split.join(', ')} are spread over several processor classes`]
      : []),
  ];
  if (problems.length) throw new Error(`Worker cannot start: ${problems.join('; ')}`);
}

/** Worker start-up check: scans providers for @JobHandler methods. */
@Injectable()
export class JobHandlerRegistry implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    assertEveryJobHasOneHandler(this.discoverHandledJobs());
  }

  discoverHandledJobs(): FoundHandler[] {
    return this.discovery.getProviders().flatMap(({ instance }) => {
      if (!instance || typeof instance !== 'object') return [];
      const prototype = Object.getPrototypeOf(instance) as object;
      return this.scanner
        .getAllMethodNames(prototype)
        .map((method) =>
          this.reflector.get<JobName | undefined>(
            JOB_HANDLER,
            (prototype as Record<string, () => unknown>)[method],
          ),
        )
        .filter((job): job is JobName => !!job)
        .map((job) => ({ job, processor: instance.constructor.name }));
    });
  }
}
