import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The AI coach's plan generations (docs/ai-coach.md): the row is the truth of a request, its
 * job only the trigger. Indexes: the owner's newest-first list, and the sweeper's partial
 * index over the requests still open.
 */
export class PlanGenerations1795480000000 implements MigrationInterface {
  name = 'PlanGenerations1795480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."plan_generation_status" AS ENUM('pending', 'processing', 'completed', 'failed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_generations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "status" "public"."plan_generation_status" NOT NULL DEFAULT 'pending', "spec" jsonb NOT NULL, "save_as_template" boolean NOT NULL DEFAULT false, "plan" jsonb, "provider" character varying(20), "model" character varying(200), "fell_back" boolean NOT NULL DEFAULT false, "template_id" uuid, "failure_reason" character varying(500), "attempts" integer NOT NULL DEFAULT '0', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e03af180a59d431d1a06614bd6b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_plan_generations_open_requested" ON "plan_generations" ("status", "requested_at") WHERE "status" IN ('pending', 'processing')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_plan_generations_user_created" ON "plan_generations" ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_generations" ADD CONSTRAINT "FK_aa5e7a65b7ebfc11db02fcad46c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_generations" ADD CONSTRAINT "FK_d94f2922fee2a2ae04b6b094964" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "plan_generations" DROP CONSTRAINT "FK_d94f2922fee2a2ae04b6b094964"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_generations" DROP CONSTRAINT "FK_aa5e7a65b7ebfc11db02fcad46c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_plan_generations_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_plan_generations_open_requested"`);
    await queryRunner.query(`DROP TABLE "plan_generations"`);
    await queryRunner.query(`DROP TYPE "public"."plan_generation_status"`);
  }
}
