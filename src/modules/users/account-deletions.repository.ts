import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountDeletion, AccountDeletionStatus } from './entities/account-deletion.entity';

/** The queries over account_deletions (docs/account-deletion.md). */
@Injectable()
export class AccountDeletionsRepository {
  constructor(
    @InjectRepository(AccountDeletion) private readonly deletions: Repository<AccountDeletion>,
  ) {}

  /**
   * Schedules the deletion of `userId` at `dueAt`, or returns the one already pending (the
   * partial unique index UQ_account_deletions_pending keeps one per account).
   */
  async schedule(
    userId: string,
    dueAt: Date,
  ): Promise<{ deletion: AccountDeletion; created: boolean }> {
    const rows: { id: string }[] = await this.deletions.query(
      `INSERT INTO account_deletions (user_id, due_at) VALUES ($1, $2)
       ON CONFLICT (user_id) WHERE status IN ('scheduled', 'purging') DO NOTHING
       RETURNING id`,
      [userId, dueAt],
    );
    const deletion = await this.pendingOf(userId);
    if (!deletion) throw new Error(`account deletion of ${userId} vanished`);
    return { deletion, created: rows.length === 1 };
  }

  /** The pending deletion (scheduled or purging) of an account (UQ_account_deletions_pending). */
  pendingOf(userId: string): Promise<AccountDeletion | null> {
    return this.deletions
      .createQueryBuilder('d')
      .where('d.userId = :userId', { userId })
      .andWhere(`d.status IN ('scheduled', 'purging')`)
      .getOne();
  }

  /** Cancels a scheduled deletion; false when none was (a purge already claimed cannot be). */
  async cancel(userId: string): Promise<boolean> {
    const { affected } = await this.deletions
      .createQueryBuilder()
      .update()
      .set({ status: AccountDeletionStatus.Cancelled, cancelledAt: () => 'now()' })
      .where(`user_id = :userId AND status = 'scheduled'`, { userId })
      .execute();
    return (affected ?? 0) > 0;
  }

  /**
   * Claims up to `limit` deletions whose grace period ended (scheduled → purging, under row
   * locks that concurrent ticks skip), and returns every deletion being purged: those just
   * claimed and those whose purge job was lost (IDX_account_deletions_due).
   */
  async claimDue(limit: number): Promise<{ id: string; userId: string }[]> {
    await this.deletions.query(
      `UPDATE account_deletions SET status = 'purging', updated_at = now()
        WHERE id IN (SELECT id FROM account_deletions
                      WHERE status IN ('scheduled', 'purging') AND status = 'scheduled'
                        AND due_at <= now()
                      ORDER BY due_at
                      LIMIT $1
                      FOR UPDATE SKIP LOCKED)`,
      [limit],
    );
    return this.deletions.query(
      `SELECT id, user_id AS "userId" FROM account_deletions
        WHERE status IN ('scheduled', 'purging') AND status = 'purging' AND due_at <= now()
        ORDER BY due_at LIMIT $1`,
      [limit],
    );
  }

  findById(id: string): Promise<AccountDeletion | null> {
    return this.deletions.findOneBy({ id });
  }
}
