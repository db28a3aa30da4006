import { MigrationInterface, QueryRunner } from 'typeorm';

export class Workouts1795330000000 implements MigrationInterface {
  name = 'Workouts1795330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "workout_sets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "workout_exercise_id" uuid NOT NULL, "user_id" uuid NOT NULL, "workout_id" uuid NOT NULL, "exercise_id" uuid NOT NULL, "position" smallint NOT NULL, "set_type" "public"."set_type" NOT NULL DEFAULT 'normal', "weight_kg" numeric(7,3), "reps" smallint, "rpe" numeric(3,1), "rir" smallint, "rest_seconds" smallint, "completed" boolean NOT NULL DEFAULT false, "completed_at" TIMESTAMP WITH TIME ZONE, "planned_reps_min" smallint, "planned_reps_max" smallint, "planned_weight_kg" numeric(7,3), "planned_percent_e1rm" numeric(5,2), "planned_rpe" numeric(3,1), "planned_rir" smallint, "e1rm_kg" numeric(7,2), CONSTRAINT "CHK_workout_sets_completed_at" CHECK ("completed" = ("completed_at" IS NOT NULL)), CONSTRAINT "CHK_workout_sets_one_effort" CHECK ("rpe" IS NULL OR "rir" IS NULL), CONSTRAINT "PK_5ad75c97e58e8c660a48926d438" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_workout_sets_user_exercise_completed" ON "workout_sets" ("user_id", "exercise_id", "completed_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_workout_sets_workout" ON "workout_sets" ("workout_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_workout_sets_exercise_position" ON "workout_sets" ("workout_exercise_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "workout_exercises" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "workout_id" uuid NOT NULL, "exercise_id" uuid NOT NULL, "position" smallint NOT NULL, "notes" character varying(500), "progression" jsonb, CONSTRAINT "PK_377f9ead6fd69b29f0d0feb1028" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_workout_exercises_exercise" ON "workout_exercises" ("exercise_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_workout_exercises_workout_exercise" ON "workout_exercises" ("workout_id", "exercise_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."workout_status" AS ENUM('planned', 'in_progress', 'paused', 'completed', 'abandoned')`,
    );
    await queryRunner.query(
      `CREATE TABLE "workouts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "status" "public"."workout_status" NOT NULL DEFAULT 'planned', "template_id" uuid, "template_day_index" smallint, "scheduled_for" TIMESTAMP WITH TIME ZONE, "session_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "paused_at" TIMESTAMP WITH TIME ZONE, "paused_seconds" integer NOT NULL DEFAULT '0', "completed_at" TIMESTAMP WITH TIME ZONE, "abandoned_at" TIMESTAMP WITH TIME ZONE, "duration_seconds" integer, "total_volume_kg" numeric(12,3), "total_sets" integer, "total_reps" integer, "notes" text, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_5b2319bf64a674d40237dbb1697" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_workouts_template" ON "workouts" ("template_id") WHERE "template_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_workouts_user_status_session" ON "workouts" ("user_id", "status", "session_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_workouts_user_session" ON "workouts" ("user_id", "session_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."personal_record_kind" AS ENUM('max_weight', 'best_e1rm', 'best_set_volume', 'most_reps_at_weight')`,
    );
    await queryRunner.query(
      `CREATE TABLE "personal_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "exercise_id" uuid NOT NULL, "workout_id" uuid NOT NULL, "set_id" uuid NOT NULL, "kind" "public"."personal_record_kind" NOT NULL, "value" numeric(10,3) NOT NULL, "weight_kg" numeric(7,3) NOT NULL, "reps" smallint NOT NULL, "previous_value" numeric(10,3), "achieved_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ba9cfbd0af0e7e81265ea1b72a4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_personal_records_set" ON "personal_records" ("set_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_personal_records_user_exercise_kind" ON "personal_records" ("user_id", "exercise_id", "kind", "achieved_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_personal_records_workout_exercise_kind_weight" ON "personal_records" ("workout_id", "exercise_id", "kind", "weight_kg") `,
    );
    await queryRunner.query(
      `ALTER TABLE "workout_sets" ADD CONSTRAINT "FK_1f6afffea13fac2595347de1dd1" FOREIGN KEY ("workout_exercise_id") REFERENCES "workout_exercises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "workout_exercises" ADD CONSTRAINT "FK_7e6040e931b008308aaddbb7d32" FOREIGN KEY ("workout_id") REFERENCES "workouts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "workout_exercises" ADD CONSTRAINT "FK_9a0656f321d9a96de2eb685e85a" FOREIGN KEY ("exercise_id") REFERENCES "exercises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "workouts" ADD CONSTRAINT "FK_2df679279a7ac263bcff20c78dd" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "workouts" ADD CONSTRAINT "FK_2fedcb270c15d63a12a59881f6c" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "personal_records" ADD CONSTRAINT "FK_5b0b1388c114c22f5b542d6fcd2" FOREIGN KEY ("workout_id") REFERENCES "workouts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "personal_records" ADD CONSTRAINT "FK_cfaa94d097bad74b8402f5ede7a" FOREIGN KEY ("set_id") REFERENCES "workout_sets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "personal_records" DROP CONSTRAINT "FK_cfaa94d097bad74b8402f5ede7a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "personal_records" DROP CONSTRAINT "FK_5b0b1388c114c22f5b542d6fcd2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "workouts" DROP CONSTRAINT "FK_2fedcb270c15d63a12a59881f6c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "workouts" DROP CONSTRAINT "FK_2df679279a7ac263bcff20c78dd"`,
    );
    await queryRunner.query(
      `ALTER TABLE "workout_exercises" DROP CONSTRAINT "FK_9a0656f321d9a96de2eb685e85a"`,
    );
    await queryRunner.query(
      `ALTER TABLE "workout_exercises" DROP CONSTRAINT "FK_7e6040e931b008308aaddbb7d32"`,
    );
    await queryRunner.query(
      `ALTER TABLE "workout_sets" DROP CONSTRAINT "FK_1f6afffea13fac2595347de1dd1"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."UQ_personal_records_workout_exercise_kind_weight"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_personal_records_user_exercise_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_personal_records_set"`);
    await queryRunner.query(`DROP TABLE "personal_records"`);
    await queryRunner.query(`DROP TYPE "public"."personal_record_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_workouts_user_session"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_workouts_user_status_session"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_workouts_template"`);
    await queryRunner.query(`DROP TABLE "workouts"`);
    await queryRunner.query(`DROP TYPE "public"."workout_status"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_workout_exercises_workout_exercise"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_workout_exercises_exercise"`);
    await queryRunner.query(`DROP TABLE "workout_exercises"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_workout_sets_exercise_position"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_workout_sets_workout"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_workout_sets_user_exercise_completed"`);
    await queryRunner.query(`DROP TABLE "workout_sets"`);
  }
}
