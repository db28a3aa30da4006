/**
 * Thrown by a job handler when retrying cannot help (a mailbox that does not exist, a record
 * that is gone). The dispatcher discards the job's remaining attempts, so it goes straight to
 * the failed (dead-letter) set with this reason.
 */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}
