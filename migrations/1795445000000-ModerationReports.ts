import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports and moderation (docs/moderation.md): content_reports with a snapshot of what was
 * reported, an append-only moderation_log (a trigger refuses UPDATE, DELETE and TRUNCATE), the
 * moderator role, and the time until which moderation restricts an account's community writes.
 */
export class ModerationReports1795445000000 implements MigrationInterface {
  name = 'ModerationReports1795445000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Added before 'admin': the enum keeps the order the entity declares. No statement of this
    // transaction uses the new value (PostgreSQL forbids that until the commit).
    await queryRunner.query(`ALTER TYPE "public"."user_role" ADD VALUE 'moderator' BEFORE 'admin'`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD "community_restricted_until" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."moderation_action" AS ENUM('dismiss', 'remove_content', 'warn', 'suspend')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."report_target" AS ENUM('user', 'activity', 'comment')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."report_reason" AS ENUM('spam', 'harassment', 'hate_speech', 'sexual_content', 'violence', 'self_harm', 'misinformation', 'impersonation', 'other')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."report_status" AS ENUM('open', 'resolved')`);
    await queryRunner.query(
      `CREATE TABLE "content_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reporter_id" uuid, "target_type" "public"."report_target" NOT NULL, "target_id" uuid NOT NULL, "target_owner_id" uuid, "reason" "public"."report_reason" NOT NULL, "details" character varying(1000), "snapshot" jsonb NOT NULL, "status" "public"."report_status" NOT NULL DEFAULT 'open', "resolution" "public"."moderation_action", "resolution_note" character varying(1000), "resolved_by_id" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6c59a68146cdde8de564ee649c1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_content_reports_resolved_by" ON "content_reports" ("resolved_by_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_content_reports_target_owner" ON "content_reports" ("target_owner_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_content_reports_open_target" ON "content_reports" ("target_type", "target_id") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_content_reports_open_per_reporter" ON "content_reports" ("reporter_id", "target_type", "target_id") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_content_reports_status_created" ON "content_reports" ("status", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "content_reports" ADD CONSTRAINT "FK_0aababfebc5662624a4a66b639b" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "content_reports" ADD CONSTRAINT "FK_6c05d0ecb8cc073d833b091b8dc" FOREIGN KEY ("target_owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "content_reports" ADD CONSTRAINT "FK_5222eee50c8eb12d256c7d55360" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "moderation_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "moderator_id" uuid NOT NULL, "action" "public"."moderation_action" NOT NULL, "target_type" "public"."report_target" NOT NULL, "target_id" uuid NOT NULL, "target_owner_id" uuid, "report_id" uuid, "note" character varying(1000), "restricted_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d0adca6ecfd068db83e4526cc26" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_moderation_log_created" ON "moderation_log" ("created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_moderation_log_owner_created" ON "moderation_log" ("target_owner_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE FUNCTION "moderation_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'moderation_log is append-only: % refused', TG_OP;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TRG_moderation_log_append_only" BEFORE UPDATE OR DELETE ON "moderation_log" FOR EACH ROW EXECUTE FUNCTION "moderation_log_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TRG_moderation_log_no_truncate" BEFORE TRUNCATE ON "moderation_log" FOR EACH STATEMENT EXECUTE FUNCTION "moderation_log_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "moderation_log"`);
    await queryRunner.query(`DROP FUNCTION "moderation_log_append_only"()`);
    await queryRunner.query(`DROP TABLE "content_reports"`);
    await queryRunner.query(`DROP TYPE "public"."report_status"`);
    await queryRunner.query(`DROP TYPE "public"."report_reason"`);
    await queryRunner.query(`DROP TYPE "public"."report_target"`);
    await queryRunner.query(`DROP TYPE "public"."moderation_action"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "community_restricted_until"`);
    // An enum value cannot be dropped: moderators become users, then the type is rebuilt.
    await queryRunner.query(`UPDATE "users" SET "role" = 'user' WHERE "role" = 'moderator'`);
    await queryRunner.query(`ALTER TYPE "public"."user_role" RENAME TO "user_role_old"`);
    await queryRunner.query(`CREATE TYPE "public"."user_role" AS ENUM('user', 'admin')`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "role" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "users" ALTER COLUMN "role" TYPE "public"."user_role" USING "role"::"text"::"public"."user_role"`,
    );
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'user'`);
    await queryRunner.query(`DROP TYPE "public"."user_role_old"`);
  }
}
