/** Where a request to delete an account stands (docs/account-deletion.md). */
export enum AccountDeletionStatus {
  /** Waiting for its grace period to end; signing in cancels it. */
  Scheduled = 'scheduled',
  Cancelled = 'cancelled',
  /** Claimed by the purge; no longer cancellable. */
  Purging = 'purging',
  Done = 'done',
}

/** What other modules know of a deletion request (the account-deletion module). */
export interface AccountDeletionRecord {
  id: string;
  /** Null once the account is purged. */
  userId: string | null;
  status: AccountDeletionStatus;
  dueAt: Date;
  createdAt: Date;
}
