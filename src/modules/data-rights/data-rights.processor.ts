import type { Job } from 'bull';
import { WeightUnit } from '../../common/units/weight-unit';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { ProcessesQueue, QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { DataExportService } from './data-export.service';
import { DataImportService } from './data-import.service';

/** Runs in the worker only (registered by WorkerModule). */
@ProcessesQueue(QueueName.DataRights)
export class DataRightsProcessor extends QueueProcessor {
  constructor(
    private readonly exports: DataExportService,
    private readonly imports: DataImportService,
  ) {
    super();
  }

  @JobHandler(JobName.ExportUserData)
  exportUserData(job: Job<JobData<JobName.ExportUserData>>): Promise<string> {
    return this.exports.process(job.data.exportId, {
      number: job.attemptsMade + 1,
      of: job.opts.attempts ?? 1,
    });
  }

  @JobHandler(JobName.ImportUserData)
  importUserData(job: Job<JobData<JobName.ImportUserData>>): Promise<string> {
    return this.imports.process(job.data.importId, job.data.weightUnit as WeightUnit | undefined);
  }

  @JobHandler(JobName.SweepDataRights)
  async sweep(_job: Job<JobData<JobName.SweepDataRights>>): Promise<unknown> {
    return { exports: await this.exports.sweep(), imports: await this.imports.sweep() };
  }
}
