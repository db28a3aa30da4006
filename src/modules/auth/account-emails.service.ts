import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { apiPath } from '../../common/http/api-path';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import { InjectRedis } from '../../infrastructure/redis/redis.module';
import { countInWindow } from '../../infrastructure/redis/window-counter';
import { EmailsService } from '../emails/emails.service';
import { UsersService } from '../users/users.service';
import { UserAccount } from '../users/user.vocabulary';
import { AccountTokensRepository } from './account-tokens.repository';
import { AccountTokenPurpose } from './entities/account-token.entity';
import { TokenService } from './token.service';

/**
 * Verification, password-reset and password-changed emails. The API only enqueues (by id,
 * or by address where the answer must not reveal whether an account exists); the worker makes
 * the single-use token, so raw tokens never sit in Redis, and sends through EmailsService.
 */
@Injectable()
export class AccountEmailsService {
  private readonly logger = new Logger(AccountEmailsService.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly accountTokens: AccountTokensRepository,
    private readonly emails: EmailsService,
    private readonly config: AppConfig,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  // --- API side ---------------------------------------------------------------------------

  requestVerification(userId: string): Promise<void> {
    return this.jobs.enqueue(JobName.SendVerificationEmail, { userId, deliveryId: randomUUID() });
  }

  resendVerification(email: string): Promise<void> {
    return this.jobs.enqueue(JobName.ResendVerificationEmail, { email, deliveryId: randomUUID() });
  }

  requestPasswordReset(email: string): Promise<void> {
    return this.jobs.enqueue(JobName.SendPasswordResetEmail, { email, deliveryId: randomUUID() });
  }

  announcePasswordChange(userId: string, changedAt: Date): Promise<void> {
    return this.jobs.enqueue(JobName.SendPasswordChangedEmail, {
      userId,
      changedAt: changedAt.toISOString(),
      deliveryId: randomUUID(),
    });
  }

  // --- worker side: `deliveryKey` (the job's deliveryId) makes a retried job send at most once

  async sendVerification(userId: string, deliveryKey: string): Promise<'sent' | 'skipped'> {
    const user = await this.users.findById(userId);
    return user ? this.verify(user, deliveryKey) : 'skipped';
  }

  async resendVerificationTo(email: string, deliveryKey: string): Promise<'sent' | 'skipped'> {
    const user = await this.users.findByEmail(email);
    return user ? this.verify(user, deliveryKey) : 'skipped';
  }

  async sendPasswordReset(email: string, deliveryKey: string): Promise<'sent' | 'skipped'> {
    const user = await this.users.findByEmail(email);
    if (!user || !(await this.withinHourlyLimit('reset', user.email))) return 'skipped';
    const ttl = this.config.accounts.resetTtlSeconds;
    // Only the newest link works.
    await this.accountTokens.expireUnused(user.id, AccountTokenPurpose.ResetPassword);
    const token = await this.issue(user.id, AccountTokenPurpose.ResetPassword, ttl);
    return this.emails.deliver({
      dedupeKey: `reset:${deliveryKey}`,
      user,
      message: {
        kind: 'reset-password',
        displayName: user.displayName,
        link: `${this.config.frontendUrl}/reset-password?token=${token}`,
        validMinutes: Math.round(ttl / 60),
      },
    });
  }

  async sendPasswordChanged(
    userId: string,
    changedAt: Date,
    deliveryKey: string,
  ): Promise<'sent' | 'skipped'> {
    const user = await this.users.findById(userId);
    if (!user) return 'skipped';
    return this.emails.deliver({
      dedupeKey: `password-changed:${deliveryKey}`,
      user,
      message: { kind: 'password-changed', displayName: user.displayName, changedAt },
    });
  }

  private async verify(user: UserAccount, deliveryKey: string): Promise<'sent' | 'skipped'> {
    if (user.emailVerifiedAt || !(await this.withinHourlyLimit('verify', user.email)))
      return 'skipped';
    const ttl = this.config.accounts.verificationTtlSeconds;
    const token = await this.issue(user.id, AccountTokenPurpose.VerifyEmail, ttl);
    return this.emails.deliver({
      dedupeKey: `verify:${deliveryKey}`,
      user,
      message: {
        kind: 'verify-email',
        displayName: user.displayName,
        link: `${this.config.http.publicUrl}${apiPath('auth/verify-email')}?token=${token}`,
        validHours: Math.round(ttl / 3600),
      },
    });
  }

  private async issue(
    userId: string,
    purpose: AccountTokenPurpose,
    ttlSeconds: number,
  ): Promise<string> {
    const { token, hash } = this.tokens.newOpaqueToken();
    await this.accountTokens.insert({
      userId,
      purpose,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    });
    return token;
  }

  /** ACCOUNT_EMAILS_PER_HOUR per address and kind; beyond it nothing is sent (and nothing said). */
  private async withinHourlyLimit(kind: string, email: string): Promise<boolean> {
    const key = `account-emails:${kind}:${email}:${Math.floor(Date.now() / 3_600_000)}`;
    const count = await countInWindow(this.redis, key, 3_600);
    if (count <= this.config.accounts.emailsPerHour) return true;
    this.logger.warn({ kind }, 'account email not sent: hourly limit for this address reached');
    return false;
  }
}
