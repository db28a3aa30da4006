/**
 * The typed job registry: every queue, every job name, and the payload each job carries.
 * Payloads carry ids only; the state they refer to lives in PostgreSQL.
 * Adding a job means: a JobName, its payload below, its queue, and one @JobHandler.
 */
export enum QueueName {
  Emails = 'emails',
}

export enum JobName {
  SendWelcomeEmail = 'send-welcome-email',
}

export interface JobPayloads {
  [JobName.SendWelcomeEmail]: { userId: string };
}

export const QUEUE_OF_JOB: { readonly [N in JobName]: QueueName } = {
  [JobName.SendWelcomeEmail]: QueueName.Emails,
};

/** What Bull stores: the payload plus the id of the request that caused it. */
export type JobData<N extends JobName> = JobPayloads[N] & { requestId?: string };

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
