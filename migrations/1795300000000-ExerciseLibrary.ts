import { MigrationInterface, QueryRunner } from 'typeorm';

export class ExerciseLibrary1795300000000 implements MigrationInterface {
  name = 'ExerciseLibrary1795300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."exercise_force" AS ENUM('pull', 'push', 'static')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."exercise_level" AS ENUM('beginner', 'intermediate', 'expert')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."exercise_mechanic" AS ENUM('compound', 'isolation')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."equipment" AS ENUM('bands', 'barbell', 'body only', 'cable', 'dumbbell', 'e-z curl bar', 'exercise ball', 'foam roll', 'kettlebells', 'machine', 'medicine ball', 'other')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."exercise_category" AS ENUM('cardio', 'olympic weightlifting', 'plyometrics', 'powerlifting', 'strength', 'stretching', 'strongman')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."muscle" AS ENUM('abdominals', 'abductors', 'adductors', 'biceps', 'calves', 'chest', 'forearms', 'glutes', 'hamstrings', 'lats', 'lower back', 'middle back', 'neck', 'quadriceps', 'shoulders', 'traps', 'triceps')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."exercise_source" AS ENUM('library', 'user')`);
    await queryRunner.query(
      `CREATE TYPE "public"."exercise_status" AS ENUM('approved', 'pending', 'rejected')`,
    );
    await queryRunner.query(
      `CREATE TABLE "exercises" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "slug" character varying(100) NOT NULL, "name" character varying(120) NOT NULL, "force" "public"."exercise_force", "level" "public"."exercise_level" NOT NULL, "mechanic" "public"."exercise_mechanic", "equipment" "public"."equipment", "category" "public"."exercise_category" NOT NULL, "primary_muscles" "public"."muscle" array NOT NULL, "secondary_muscles" "public"."muscle" array NOT NULL, "instructions" text array NOT NULL DEFAULT '{}', "instructions_text" text NOT NULL DEFAULT '', "source" "public"."exercise_source" NOT NULL, "status" "public"."exercise_status" NOT NULL DEFAULT 'approved', "created_by_id" uuid, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c4c46f5fa89a58ba7c2d894e3c3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_exercises_slug" ON "exercises" ("slug") `);
    // What TypeORM cannot express: GIN over the muscle arrays, full-text over name and
    // instructions (to_tsvector with an explicit configuration is immutable), trigrams.
    await queryRunner.query(
      `CREATE INDEX "IDX_exercises_primary_muscles" ON "exercises" USING gin ("primary_muscles")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_exercises_secondary_muscles" ON "exercises" USING gin ("secondary_muscles")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_exercises_search" ON "exercises" USING gin (to_tsvector('english'::regconfig, "name" || ' ' || "instructions_text"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_exercises_name_trgm" ON "exercises" USING gin ("name" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_exercises_created_by" ON "exercises" ("created_by_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_exercises_status" ON "exercises" ("status") `);
    await queryRunner.query(`CREATE INDEX "IDX_exercises_level" ON "exercises" ("level") `);
    await queryRunner.query(`CREATE INDEX "IDX_exercises_category" ON "exercises" ("category") `);
    await queryRunner.query(`CREATE INDEX "IDX_exercises_equipment" ON "exercises" ("equipment") `);
    await queryRunner.query(
      `ALTER TABLE "exercises" ADD CONSTRAINT "FK_5a9f6993c57e432fab99c5ecced" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "exercises" DROP CONSTRAINT "FK_5a9f6993c57e432fab99c5ecced"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_equipment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_category"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_level"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_created_by"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_name_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_search"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_secondary_muscles"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_primary_muscles"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_exercises_slug"`);
    await queryRunner.query(`DROP TABLE "exercises"`);
    await queryRunner.query(`DROP TYPE "public"."exercise_status"`);
    await queryRunner.query(`DROP TYPE "public"."exercise_source"`);
    await queryRunner.query(`DROP TYPE "public"."muscle"`);
    await queryRunner.query(`DROP TYPE "public"."exercise_category"`);
    await queryRunner.query(`DROP TYPE "public"."equipment"`);
    await queryRunner.query(`DROP TYPE "public"."exercise_mechanic"`);
    await queryRunner.query(`DROP TYPE "public"."exercise_level"`);
    await queryRunner.query(`DROP TYPE "public"."exercise_force"`);
  }
}
