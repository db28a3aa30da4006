import { Injectable, NotFoundException } from '@nestjs/common';
import type { Job, JobCounts } from 'bull';
import { Page, toPage } from '../../common/pagination/page';
import { offsetOf, PageQueryDto } from '../../common/pagination/page-query.dto';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { ALL_QUEUE_NAMES, QueueName } from '../../infrastructure/queues/job-registry';
import { FailedJobDto, QueueCountsDto } from './dto/queue.dto';
import { ModerationService } from '../moderation/moderation.service';
import { AuditAction, AuditTarget } from '../moderation/moderation.vocabulary';

function toFailedJob(job: Job): FailedJobDto {
  return {
    id: String(job.id),
    name: job.name,
    failedReason: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    data: job.data as Record<string, unknown>,
  };
}

/** Ops' view of the queues: depth per state, the failed (dead-letter) jobs, and redrive. */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly jobs: JobQueue,
    private readonly moderation: ModerationService,
  ) {}

  async counts(): Promise<QueueCountsDto[]> {
    return Promise.all(
      ALL_QUEUE_NAMES.map(async (name) => {
        // Bull's JobCounts type omits `paused`, which getJobCounts() does return.
        const counts = (await this.jobs.queue(name).getJobCounts()) as JobCounts & {
          paused?: number;
        };
        const { waiting, active, delayed, failed } = counts;
        return { name, waiting, active, delayed, failed, paused: counts.paused ?? 0 };
      }),
    );
  }

  /** Newest failures first (Bull keeps the failed set ordered by failure time). */
  async failed(queue: QueueName, page: PageQueryDto): Promise<Page<FailedJobDto>> {
    const bull = this.jobs.queue(queue);
    const [jobs, total] = await Promise.all([
      bull.getFailed(offsetOf(page), offsetOf(page) + page.limit - 1),
      bull.getFailedCount(),
    ]);
    return toPage(jobs.filter(Boolean).map(toFailedJob), total, page);
  }

  /** Moves a failed job back to waiting with fresh attempts; audited. */
  async retry(actorId: string, queue: QueueName, jobId: string): Promise<void> {
    const job = await this.jobs.queue(queue).getJob(jobId);
    if (!job || !(await job.isFailed()))
      throw new NotFoundException(`No failed job ${jobId} in ${queue}.`);
    await job.retry();
    await this.moderation.recordAdminAction({
      actorId,
      action: AuditAction.RedriveJob,
      targetType: AuditTarget.Queue,
      targetId: null,
      targetOwnerId: null,
      note: `${queue}#${jobId} (${job.name})`,
      restrictedUntil: null,
    });
  }
}
