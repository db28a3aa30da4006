/**
 * The typed job registry: every queue, every job name, and the payload each job carries.
 * Payloads carry ids only; the state they refer to lives in PostgreSQL.
 * Adding a job means: a JobName, its payload below, its queue, and one @JobHandler.
 */
export enum QueueName {
  Emails = 'emails',
  Summaries = 'summaries',
}

export enum JobName {
  SendWelcomeEmail = 'send-welcome-email',
  GenerateSummary = 'generate-summary',
  /** Repeatable: re-enqueues summaries whose job was lost (e.g. Redis was down). */
  SweepSummaries = 'sweep-summaries',
}

export interface JobPayloads {
  [JobName.SendWelcomeEmail]: { userId: string };
  [JobName.GenerateSummary]: { summaryId: string };
  [JobName.SweepSummaries]: Record<string, never>;
}

export const QUEUE_OF_JOB: { readonly [N in JobName]: QueueName } = {
  [JobName.SendWelcomeEmail]: QueueName.Emails,
  [JobName.GenerateSummary]: QueueName.Summaries,
  [JobName.SweepSummaries]: QueueName.Summaries,
};

/** What Bull stores: the payload plus the id of the request that caused it. */
export type JobData<N extends JobName> = JobPayloads[N] & { requestId?: string };

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
