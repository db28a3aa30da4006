import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DELETED_USER_NAME } from '../users/user.vocabulary';
import { JSON_MENTION_STATEMENTS, USER_DATA_POLICIES, UserDataPolicy } from './user-data-policies';
import { discoverUserReferences, UserReference } from './user-references';

/** A user reference the purge would not know what to do with. */
export class MissingUserDataPolicyError extends Error {
  constructor(readonly references: string[]) {
    super(
      `No purge policy for ${references.join(', ')}: add them to USER_DATA_POLICIES ` +
        '(src/modules/account-deletion/user-data-policies.ts)',
    );
    this.name = 'MissingUserDataPolicyError';
  }
}

const ORDER: Record<UserDataPolicy['action'], number> = {
  custom: 0,
  anonymise: 1,
  nullify: 2,
  delete: 3,
};

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * The purge's SQL, generic over the schema: every column that references an account
 * (discovered from the catalogue) handled by its declared policy, in one transaction
 * (docs/account-deletion.md). Each statement filters on the referencing column, which is
 * indexed (a foreign key's index, or the table's own user index).
 */
@Injectable()
export class AccountPurgeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The references and their policies; throws when one has none (nothing is touched). */
  async plan(manager: EntityManager = this.db.manager) {
    const references = await discoverUserReferences(manager);
    const missing = references
      .map((ref) => `${ref.table}.${ref.column}`)
      .filter((key) => !USER_DATA_POLICIES[key]);
    if (missing.length) throw new MissingUserDataPolicyError(missing);
    return references
      .map((ref) => ({ ...ref, policy: USER_DATA_POLICIES[`${ref.table}.${ref.column}`] }))
      .sort((a, b) => ORDER[a.policy.action] - ORDER[b.policy.action]);
  }

  /**
   * Removes or anonymises everything of `userId` and the account itself, and marks the
   * deletion done, atomically. Returns the rows touched per reference (for the log).
   */
  async purge(deletionId: string, userId: string): Promise<Record<string, number>> {
    return this.db.transaction(async (manager) => {
      const plan = await this.plan(manager);
      const [standIn]: { id: string }[] = await manager.query(
        `INSERT INTO users (email, display_name, status, profile_discoverable, leaderboard_opt_out)
         VALUES ('deleted-' || gen_random_uuid() || '@deleted.invalid', $1, 'deleted', false, false)
         RETURNING id`,
        [DELETED_USER_NAME],
      );
      const touched: Record<string, number> = {};
      let anonymised = 0;
      const run = async (sql: string): Promise<number> => {
        const parameters = sql.includes('$2') ? [userId, standIn.id] : [userId];
        const result: unknown = await manager.query(sql, parameters);
        // UPDATE and DELETE answer [rows, count] through TypeORM's query().
        return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
      };
      for (const mention of JSON_MENTION_STATEMENTS) anonymised += await run(mention.sql);
      for (const ref of plan) {
        const count = await this.apply(ref, ref.policy, run);
        touched[`${ref.table}.${ref.column}`] = count;
        if (ref.policy.action === 'anonymise' || ref.policy.action === 'custom') {
          anonymised += count;
        }
      }
      await manager.query(
        `UPDATE account_deletions SET status = 'done', completed_at = now(), updated_at = now(),
                user_id = NULL
          WHERE id = $1`,
        [deletionId],
      );
      await manager.query(`DELETE FROM users WHERE id = $1`, [userId]);
      // Nothing others depend on: no stand-in is needed.
      if (anonymised === 0) await manager.query(`DELETE FROM users WHERE id = $1`, [standIn.id]);
      return touched;
    });
  }

  private apply(
    ref: UserReference,
    policy: UserDataPolicy,
    run: (sql: string) => Promise<number>,
  ): Promise<number> {
    const table = quote(ref.table);
    const column = quote(ref.column);
    switch (policy.action) {
      case 'delete':
        return run(`DELETE FROM ${table} WHERE ${column} = $1`);
      case 'anonymise':
        return run(`UPDATE ${table} SET ${column} = $2 WHERE ${column} = $1`);
      case 'nullify':
        return run(`UPDATE ${table} SET ${column} = NULL WHERE ${column} = $1`);
      case 'custom':
        return policy.sql.reduce(
          async (sum, sql) => (await sum) + (await run(sql)),
          Promise.resolve(0),
        );
    }
  }
}
