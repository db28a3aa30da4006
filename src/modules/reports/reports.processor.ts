import type { Job } from 'bull';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { ProcessesQueue, QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { ReportSchedulesService } from './report-schedules.service';
import { ReportsService } from './reports.service';

/** Runs in the worker only (registered by WorkerModule). */
@ProcessesQueue(QueueName.Reports)
export class ReportsProcessor extends QueueProcessor {
  constructor(
    private readonly reports: ReportsService,
    private readonly schedules: ReportSchedulesService,
  ) {
    super();
  }

  @JobHandler(JobName.GenerateReport)
  generate(job: Job<JobData<JobName.GenerateReport>>) {
    return this.reports.process(job.data.reportId, {
      number: job.attemptsMade + 1,
      of: job.opts.attempts ?? 1,
    });
  }

  @JobHandler(JobName.TickReports)
  tick(_job: Job<JobData<JobName.TickReports>>) {
    return this.schedules.tick();
  }
}
