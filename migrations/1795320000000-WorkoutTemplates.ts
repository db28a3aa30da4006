import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workout templates (docs/templates.md): templates → days → exercises → sets, favourites and
 * ratings, and the `set_type` enum that workouts share.
 */
export class WorkoutTemplates1795320000000 implements MigrationInterface {
  name = 'WorkoutTemplates1795320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."set_type" AS ENUM('warm_up', 'normal', 'drop', 'failure')`,
    );
    await queryRunner.query(
      `CREATE TABLE "template_sets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "template_exercise_id" uuid NOT NULL, "position" smallint NOT NULL, "set_type" "public"."set_type" NOT NULL DEFAULT 'normal', "reps_min" smallint NOT NULL, "reps_max" smallint NOT NULL, "weight_kg" numeric(6,2), "percent_e1rm" numeric(5,2), "rpe_target" numeric(3,1), "rir_target" smallint, "rest_seconds" smallint NOT NULL, CONSTRAINT "CHK_template_sets_one_effort" CHECK ("rpe_target" IS NULL OR "rir_target" IS NULL), CONSTRAINT "CHK_template_sets_one_load" CHECK ("weight_kg" IS NULL OR "percent_e1rm" IS NULL), CONSTRAINT "CHK_template_sets_reps" CHECK ("reps_min" >= 1 AND "reps_min" <= "reps_max"), CONSTRAINT "PK_260eccf80199b616bf8ffbc6e3b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_template_sets_exercise_position" ON "template_sets" ("template_exercise_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "template_exercises" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "day_id" uuid NOT NULL, "position" smallint NOT NULL, "exercise_id" uuid NOT NULL, "notes" character varying(500), "progression" jsonb, CONSTRAINT "PK_8c67b5a9e1eaf3e4f7320349cfd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_template_exercises_exercise" ON "template_exercises" ("exercise_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_template_exercises_day_position" ON "template_exercises" ("day_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TABLE "template_days" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "template_id" uuid NOT NULL, "position" smallint NOT NULL, "name" character varying(60) NOT NULL, "notes" character varying(500), CONSTRAINT "PK_fbc56f27432a104844d01caf7c4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_template_days_template_position" ON "template_days" ("template_id", "position") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."template_goal" AS ENUM('strength', 'hypertrophy', 'endurance', 'weight_loss', 'general_fitness')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."template_visibility" AS ENUM('private', 'public')`,
    );
    await queryRunner.query(
      `CREATE TABLE "templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "owner_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "description" text, "goal" "public"."template_goal" NOT NULL, "level" "public"."exercise_level" NOT NULL, "visibility" "public"."template_visibility" NOT NULL DEFAULT 'private', "featured" boolean NOT NULL DEFAULT false, "origin_template_id" uuid, "days_per_week" smallint NOT NULL, "equipment" "public"."equipment" array NOT NULL, "favorite_count" integer NOT NULL DEFAULT '0', "duplicate_count" integer NOT NULL DEFAULT '0', "use_count" integer NOT NULL DEFAULT '0', "rating_count" integer NOT NULL DEFAULT '0', "rating_sum" integer NOT NULL DEFAULT '0', "version" integer NOT NULL, "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_515948649ce0bbbe391de702ae5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_templates_origin" ON "templates" ("origin_template_id") WHERE "origin_template_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_templates_rated" ON "templates" ("rating_count", "rating_sum") WHERE "rating_count" > 0 AND "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_templates_featured_created" ON "templates" ("created_at", "id") WHERE "featured" AND "visibility" = 'public' AND "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_templates_public_filters" ON "templates" ("goal", "level", "days_per_week") WHERE "visibility" = 'public' AND "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_templates_public_created" ON "templates" ("created_at", "id") WHERE "visibility" = 'public' AND "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_templates_owner_created" ON "templates" ("owner_id", "created_at", "id") WHERE "deleted_at" IS NULL`,
    );
    // What TypeORM cannot express (the entity declares them with synchronize: false): the
    // popularity order as an expression index, and GIN over the equipment array for the
    // "needs only this equipment" filter (<@). Both partial, like the other listing indexes.
    await queryRunner.query(
      `CREATE INDEX "IDX_templates_public_popularity" ON "templates" (("favorite_count" + "duplicate_count" + "use_count"), "created_at", "id") WHERE "visibility" = 'public' AND "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_templates_public_equipment" ON "templates" USING gin ("equipment") WHERE "visibility" = 'public' AND "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "template_ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "template_id" uuid NOT NULL, "score" smallint NOT NULL, CONSTRAINT "CHK_template_ratings_score" CHECK ("score" BETWEEN 1 AND 5), CONSTRAINT "PK_a9fcd4e7b297811330adc719a1c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_template_ratings_template" ON "template_ratings" ("template_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_template_ratings_user_template" ON "template_ratings" ("user_id", "template_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "template_favorites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "template_id" uuid NOT NULL, CONSTRAINT "PK_b68da02e0dc201076b43742c468" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_template_favorites_template" ON "template_favorites" ("template_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_template_favorites_user_template" ON "template_favorites" ("user_id", "template_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "template_sets" ADD CONSTRAINT "FK_ecd412c677e799788b87d19096e" FOREIGN KEY ("template_exercise_id") REFERENCES "template_exercises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_exercises" ADD CONSTRAINT "FK_0debf9fa1a2e2f813be568d6b08" FOREIGN KEY ("day_id") REFERENCES "template_days"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_exercises" ADD CONSTRAINT "FK_eb57fccdb71c3cc3ed6430f448c" FOREIGN KEY ("exercise_id") REFERENCES "exercises"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_days" ADD CONSTRAINT "FK_cb3eaeb3679078028ca1d9ab0a6" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "templates" ADD CONSTRAINT "FK_aa53d14ade9be5c31a2f2127304" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "templates" ADD CONSTRAINT "FK_ba01c9ed1a72040e6cd3fdae9ff" FOREIGN KEY ("origin_template_id") REFERENCES "templates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_ratings" ADD CONSTRAINT "FK_bc61037fbc88cdc34bed7cd7280" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_ratings" ADD CONSTRAINT "FK_f5e5f67a4e62826f090d4515f06" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_favorites" ADD CONSTRAINT "FK_cbe67f312cb2775988f938dc17b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_favorites" ADD CONSTRAINT "FK_dca17f211fa96a5a8361300969e" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "template_favorites" DROP CONSTRAINT "FK_dca17f211fa96a5a8361300969e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_favorites" DROP CONSTRAINT "FK_cbe67f312cb2775988f938dc17b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_ratings" DROP CONSTRAINT "FK_f5e5f67a4e62826f090d4515f06"`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_ratings" DROP CONSTRAINT "FK_bc61037fbc88cdc34bed7cd7280"`,
    );
    await queryRunner.query(
      `ALTER TABLE "templates" DROP CONSTRAINT "FK_ba01c9ed1a72040e6cd3fdae9ff"`,
    );
    await queryRunner.query(
      `ALTER TABLE "templates" DROP CONSTRAINT "FK_aa53d14ade9be5c31a2f2127304"`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_days" DROP CONSTRAINT "FK_cb3eaeb3679078028ca1d9ab0a6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_exercises" DROP CONSTRAINT "FK_eb57fccdb71c3cc3ed6430f448c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_exercises" DROP CONSTRAINT "FK_0debf9fa1a2e2f813be568d6b08"`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_sets" DROP CONSTRAINT "FK_ecd412c677e799788b87d19096e"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_template_favorites_user_template"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_template_favorites_template"`);
    await queryRunner.query(`DROP TABLE "template_favorites"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_template_ratings_user_template"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_template_ratings_template"`);
    await queryRunner.query(`DROP TABLE "template_ratings"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_templates_public_equipment"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_templates_public_popularity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_templates_owner_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_templates_public_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_templates_public_filters"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_templates_featured_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_templates_rated"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_templates_origin"`);
    await queryRunner.query(`DROP TABLE "templates"`);
    await queryRunner.query(`DROP TYPE "public"."template_visibility"`);
    await queryRunner.query(`DROP TYPE "public"."template_goal"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_template_days_template_position"`);
    await queryRunner.query(`DROP TABLE "template_days"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_template_exercises_day_position"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_template_exercises_exercise"`);
    await queryRunner.query(`DROP TABLE "template_exercises"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_template_sets_exercise_position"`);
    await queryRunner.query(`DROP TABLE "template_sets"`);
    await queryRunner.query(`DROP TYPE "public"."set_type"`);
  }
}
