import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER } from './job-handler.decorator';
import { ALL_JOB_NAMES, JobName } from './job-registry';

/** Throws unless every registered job name has exactly one handler. */
export function assertEveryJobHasOneHandler(found: JobName[]): void {
  const missing = ALL_JOB_NAMES.filter((name) => !found.includes(name));
  const duplicated = [...new Set(found.filter((name, i) => found.indexOf(name) !== i))];
  const problems = [
    ...(missing.length ? [`no processor for job(s): ${missing.join(', ')}`] : []),
    ...(duplicated.length ? [`more than one processor for job(s): ${duplicated.join(', ')}`] : []),
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

  discoverHandledJobs(): JobName[] {
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
        .filter((name): name is JobName => !!name);
    });
  }
}
