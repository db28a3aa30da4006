import { MigrationInterface, QueryRunner } from 'typeorm';

export class AccountDeletionAndAdmin1795540000000 implements MigrationInterface {
  name = 'AccountDeletionAndAdmin1795540000000';

  /**
   * Account deletion (docs/account-deletion.md): the `deleted` status of the anonymous accounts
   * that keep what others depend on, the account_deletions schedule; admin account suspension
   * with a reason and an end (docs/admin.md); the moderation log generalised into the audit of
   * every admin action, and allowed one kind of update: pseudonymising the ids of a purged account.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."user_status" ADD VALUE IF NOT EXISTS 'deleted'`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD "suspension_reason" character varying(1000), ADD "suspended_until" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."account_deletion_status" AS ENUM('scheduled', 'cancelled', 'purging', 'done')`,
    );
    await queryRunner.query(
      `CREATE TABLE "account_deletions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid, "status" "public"."account_deletion_status" NOT NULL DEFAULT 'scheduled', "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_account_deletions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_account_deletions_pending" ON "account_deletions" ("user_id") WHERE "status" IN ('scheduled', 'purging')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_account_deletions_due" ON "account_deletions" ("due_at") WHERE "status" IN ('scheduled', 'purging')`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_deletions" ADD CONSTRAINT "FK_account_deletions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // Suspensions that end by themselves: the tick finds them by this index.
    await queryRunner.query(
      `CREATE INDEX "IDX_users_suspended_until" ON "users" ("suspended_until") WHERE "status" = 'suspended'`,
    );
    // The moderation log becomes the audit of every admin and moderator action: its own
    // action and target vocabularies (content_reports keeps the moderation ones).
    await queryRunner.query(
      `CREATE TYPE "public"."audit_action" AS ENUM('dismiss', 'remove_content', 'warn', 'suspend', 'suspend_account', 'reactivate_account', 'redrive_job', 'open_queue_board')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."audit_target" AS ENUM('user', 'activity', 'comment', 'queue')`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_log" ALTER COLUMN "action" TYPE "public"."audit_action" USING "action"::text::"public"."audit_action", ALTER COLUMN "target_type" TYPE "public"."audit_target" USING "target_type"::text::"public"."audit_target", ALTER COLUMN "target_id" DROP NOT NULL`,
    );
    // Admin figures over a period (docs/admin.md).
    await queryRunner.query(`CREATE INDEX "IDX_users_created_at" ON "users" ("created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_workouts_created_at" ON "workouts" ("created_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_entries_created_at" ON "entries" ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_created_at_user" ON "refresh_tokens" ("created_at", "user_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ai_usage_created_at" ON "ai_usage" ("created_at") `);
    // Still append-only, but a purged account's ids may be replaced by its anonymous stand-in
    // (nothing else of the row may change).
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION "moderation_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'UPDATE'
            AND (NEW.id, NEW.created_at, NEW.action, NEW.target_type, NEW.target_id, NEW.report_id,
                 NEW.note, NEW.restricted_until)
                IS NOT DISTINCT FROM
                (OLD.id, OLD.created_at, OLD.action, OLD.target_type, OLD.target_id, OLD.report_id,
                 OLD.note, OLD.restricted_until)
            AND (NEW.moderator_id = OLD.moderator_id
                 OR EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.moderator_id AND u.status = 'deleted'))
            AND (NEW.target_owner_id IS NOT DISTINCT FROM OLD.target_owner_id
                 OR EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.target_owner_id AND u.status = 'deleted'))
         THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'moderation_log is append-only: % refused', TG_OP;
       END $$`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION "moderation_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'moderation_log is append-only: % refused', TG_OP;
       END $$`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_log" ALTER COLUMN "action" TYPE "public"."moderation_action" USING "action"::text::"public"."moderation_action", ALTER COLUMN "target_type" TYPE "public"."report_target" USING "target_type"::text::"public"."report_target", ALTER COLUMN "target_id" SET NOT NULL`,
    );
    await queryRunner.query(`DROP TYPE "public"."audit_target"`);
    await queryRunner.query(`DROP TYPE "public"."audit_action"`);
    for (const index of [
      'IDX_ai_usage_created_at',
      'IDX_refresh_tokens_created_at_user',
      'IDX_entries_created_at',
      'IDX_workouts_created_at',
      'IDX_users_created_at',
      'IDX_users_suspended_until',
    ]) {
      await queryRunner.query(`DROP INDEX "public"."${index}"`);
    }
    await queryRunner.query(`DROP TABLE "account_deletions"`);
    await queryRunner.query(`DROP TYPE "public"."account_deletion_status"`);
    await queryRunner.query(
      `ALTER TABLE "users" DROP COLUMN "suspended_until", DROP COLUMN "suspension_reason"`,
    );
    // An enum value cannot be dropped in PostgreSQL: user_status keeps 'deleted'.
  }
}
