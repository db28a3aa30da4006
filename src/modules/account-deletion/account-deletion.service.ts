import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { AuthenticatedUser } from '../../common/auth/roles';
import { ValidationProblem } from '../../common/errors/domain-errors';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import { AuthService } from '../auth/auth.service';
import { EmailsService } from '../emails/emails.service';
import { AccountDeletionStatus } from '../users/account-deletion.vocabulary';
import { UsersService } from '../users/users.service';
import { AccountDeletionProblems } from './account-deletion-problems';
import { AccountDeletionDto, DeleteAccountDto } from './dto/account-deletion.dto';

const DAY_MS = 86_400_000;
/** Due deletions claimed per tick; the next tick takes the rest. */
const CLAIM_BATCH = 100;

/**
 * Account deletion (docs/account-deletion.md): the request (password, or a recent sign-in for
 * accounts without one), the grace period during which signing in or the cancel route stops
 * it, the tick that hands due deletions to the purge, and the emails.
 */
@Injectable()
export class AccountDeletionService {
  private readonly logger = new Logger(AccountDeletionService.name);

  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly jobs: JobQueue,
    private readonly emails: EmailsService,
    private readonly config: AppConfig,
  ) {}

  async request(caller: AuthenticatedUser, dto: DeleteAccountDto): Promise<AccountDeletionDto> {
    const account = await this.users.getProfile(caller.id);
    if (account.passwordHash) {
      if (!dto.password || !(await this.auth.verifyPassword(caller.id, dto.password))) {
        throw new ValidationProblem([{ field: 'password', messages: ['password is not correct'] }]);
      }
    } else {
      const minutes = this.config.accountDeletion.recentSignInMinutes;
      const startedAt = await this.auth.sessionStartedAt(caller);
      if (!startedAt || Date.now() - startedAt.getTime() > minutes * 60_000) {
        throw AccountDeletionProblems.recentSignInRequired.exception(
          `Sign in again (within the last ${minutes} minutes) to delete an account that has no password.`,
          { withinMinutes: minutes },
        );
      }
    }
    const dueAt = new Date(Date.now() + this.config.accountDeletion.graceDays * DAY_MS);
    const { deletion, created } = await this.users.scheduleDeletion(caller.id, dueAt);
    if (created) {
      await this.jobs
        .enqueue(
          JobName.SendAccountDeletionScheduledEmail,
          { deletionId: deletion.id },
          { jobId: `deletion-scheduled:${deletion.id}` },
        )
        .catch((error: unknown) =>
          this.logger.error({ err: error, userId: caller.id }, 'deletion email not enqueued'),
        );
    }
    return AccountDeletionDto.from(deletion);
  }

  async status(userId: string): Promise<AccountDeletionDto> {
    const deletion = await this.users.pendingDeletionOf(userId);
    if (!deletion) throw new NotFoundException('No deletion of this account is pending.');
    return AccountDeletionDto.from(deletion);
  }

  async cancel(userId: string): Promise<void> {
    if (!(await this.users.cancelDeletion(userId))) {
      throw new NotFoundException('No cancellable deletion of this account is pending.');
    }
  }

  /** Worker: the scheduled email, once per deletion (skipped when it was cancelled). */
  async sendScheduledEmail(deletionId: string): Promise<'sent' | 'skipped'> {
    const deletion = await this.users.deletionById(deletionId);
    if (deletion?.status !== AccountDeletionStatus.Scheduled || !deletion.userId) return 'skipped';
    const user = await this.users.findById(deletion.userId);
    if (!user) return 'skipped';
    return this.emails.deliver({
      dedupeKey: `deletion-scheduled:${deletionId}`,
      user,
      message: {
        kind: 'account-deletion-scheduled',
        displayName: user.displayName,
        dueAt: deletion.dueAt,
        appUrl: this.config.http.publicUrl,
      },
    });
  }

  /**
   * Worker, recurring: lifts the suspensions whose end passed, claims the deletions whose
   * grace period ended and enqueues their purge (deterministic job ids: a purge still queued
   * is not queued twice; one whose job was lost is queued again).
   */
  async tick(): Promise<{ reactivated: number; purges: number }> {
    const reactivated = await this.users.reactivateExpiredSuspensions();
    const due = await this.users.claimDueDeletions(CLAIM_BATCH);
    await this.jobs.enqueueMany(
      JobName.PurgeAccount,
      due.map(({ id }) => ({ payload: { deletionId: id }, jobId: `purge:${id}` })),
    );
    return { reactivated: reactivated.length, purges: due.length };
  }
}
