import { MigrationInterface, QueryRunner } from 'typeorm';

export class JournalAndSummaries1795270000000 implements MigrationInterface {
  name = 'JournalAndSummaries1795270000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // GIN over (user_id, tags) needs btree_gin for the uuid column.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await queryRunner.query(
      `CREATE TYPE "public"."summary_period" AS ENUM('day', 'week', 'month')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."summary_status" AS ENUM('pending', 'processing', 'completed', 'failed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "summaries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "period" "public"."summary_period" NOT NULL, "period_start" TIMESTAMP WITH TIME ZONE NOT NULL, "period_end" TIMESTAMP WITH TIME ZONE NOT NULL, "status" "public"."summary_status" NOT NULL DEFAULT 'pending', "stale" boolean NOT NULL DEFAULT false, "result" jsonb, "failure_reason" character varying(500), "attempts" integer NOT NULL DEFAULT '0', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_448e2a87db98ce2a6ee8946f392" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_summaries_status_requested" ON "summaries" ("status", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_summaries_user_status_created" ON "summaries" ("user_id", "status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_summaries_user_created" ON "summaries" ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_summaries_user_period" ON "summaries" ("user_id", "period", "period_start") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."entry_type" AS ENUM('mood', 'habit', 'activity', 'meal', 'sleep', 'custom')`,
    );
    await queryRunner.query(
      `CREATE TABLE "entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "type" "public"."entry_type" NOT NULL, "mood" smallint, "energy" smallint, "note" text, "tags" text array NOT NULL DEFAULT '{}', "value" numeric(14,4), "unit" character varying(24), "idempotency_key" character varying(128), "idempotency_fingerprint" character(64), CONSTRAINT "PK_23d4e7e9b58d9939f113832915b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_entries_user_idempotency_key" ON "entries" ("user_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_entries_user_type_occurred" ON "entries" ("user_id", "type", "occurred_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_entries_user_occurred" ON "entries" ("user_id", "occurred_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_entries_user_tags" ON "entries" USING gin ("user_id", "tags")`,
    );
    await queryRunner.query(
      `ALTER TABLE "summaries" ADD CONSTRAINT "FK_fe2a093c22a9a030f16ddcc2f5d" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "entries" ADD CONSTRAINT "FK_73b250bca5e5a24e1343da56168" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "entries" DROP CONSTRAINT "FK_73b250bca5e5a24e1343da56168"`,
    );
    await queryRunner.query(
      `ALTER TABLE "summaries" DROP CONSTRAINT "FK_fe2a093c22a9a030f16ddcc2f5d"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_entries_user_tags"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_entries_user_occurred"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_entries_user_type_occurred"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_entries_user_idempotency_key"`);
    await queryRunner.query(`DROP TABLE "entries"`);
    await queryRunner.query(`DROP TYPE "public"."entry_type"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_summaries_user_period"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_summaries_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_summaries_user_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_summaries_status_requested"`);
    await queryRunner.query(`DROP TABLE "summaries"`);
    await queryRunner.query(`DROP TYPE "public"."summary_status"`);
    await queryRunner.query(`DROP TYPE "public"."summary_period"`);
  }
}
