import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progression rules applied (docs/templates.md): what a plan decided for each exercise is kept
 * with it (the next plan chains from it), and the user's last completed session of a template
 * day is one backward step of a partial index.
 */
export class ProgressionApplied1795420000000 implements MigrationInterface {
  name = 'ProgressionApplied1795420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workout_exercises" ADD "progression_step" jsonb`);
    await queryRunner.query(
      `CREATE INDEX "IDX_workouts_user_template_day_completed" ON "workouts" ("user_id", "template_id", "template_day_index", "session_at", "id") WHERE "status" = 'completed' AND "template_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_workouts_user_template_day_completed"`);
    await queryRunner.query(`ALTER TABLE "workout_exercises" DROP COLUMN "progression_step"`);
  }
}
