import { MigrationInterface, QueryRunner } from 'typeorm';

export class Goals1795360000000 implements MigrationInterface {
  name = 'Goals1795360000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."goal_type" AS ENUM('strength', 'body', 'consistency')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."goal_metric" AS ENUM('e1rm', 'weight', 'body_weight', 'body_fat', 'sessions_per_week')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."goal_status" AS ENUM('active', 'achieved', 'abandoned')`,
    );
    await queryRunner.query(
      `CREATE TABLE "goals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "type" "public"."goal_type" NOT NULL, "metric" "public"."goal_metric" NOT NULL, "exercise_id" uuid, "title" character varying(100) NOT NULL, "target_value" numeric(10,3) NOT NULL, "baseline_value" numeric(10,3) NOT NULL, "current_value" numeric(10,3), "progress_pct" numeric(5,2) NOT NULL DEFAULT '0', "status" "public"."goal_status" NOT NULL DEFAULT 'active', "deadline" date, "achieved_at" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_goals_exercise" CHECK (("type" = 'strength') = ("exercise_id" IS NOT NULL)), CONSTRAINT "PK_26e17b251afab35580dff769223" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_goals_exercise" ON "goals" ("exercise_id") WHERE "exercise_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_goals_user_status_created" ON "goals" ("user_id", "status", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_goals_user_created" ON "goals" ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "goal_milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "goal_id" uuid NOT NULL, "percent" smallint NOT NULL, "value" numeric(10,3) NOT NULL, "reached_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_goal_milestones_percent" CHECK ("percent" IN (25, 50, 75, 100)), CONSTRAINT "PK_f11853d0a451fb6a616d90e2acf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_goal_milestones_goal_percent" ON "goal_milestones" ("goal_id", "percent") `,
    );
    await queryRunner.query(
      `ALTER TABLE "goals" ADD CONSTRAINT "FK_88b78010581f2d293699d064441" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "goals" ADD CONSTRAINT "FK_b3c3367cc6b0ece5a216cf847b7" FOREIGN KEY ("exercise_id") REFERENCES "exercises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "goal_milestones" ADD CONSTRAINT "FK_04c7537fabb3dfdb964389c35fa" FOREIGN KEY ("goal_id") REFERENCES "goals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "goal_milestones" DROP CONSTRAINT "FK_04c7537fabb3dfdb964389c35fa"`,
    );
    await queryRunner.query(`ALTER TABLE "goals" DROP CONSTRAINT "FK_b3c3367cc6b0ece5a216cf847b7"`);
    await queryRunner.query(`ALTER TABLE "goals" DROP CONSTRAINT "FK_88b78010581f2d293699d064441"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_goal_milestones_goal_percent"`);
    await queryRunner.query(`DROP TABLE "goal_milestones"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_goals_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_goals_user_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_goals_exercise"`);
    await queryRunner.query(`DROP TABLE "goals"`);
    await queryRunner.query(`DROP TYPE "public"."goal_status"`);
    await queryRunner.query(`DROP TYPE "public"."goal_metric"`);
    await queryRunner.query(`DROP TYPE "public"."goal_type"`);
  }
}
