import { MigrationInterface, QueryRunner } from 'typeorm';

export class ExerciseModerationAndRatings1795315000000 implements MigrationInterface {
  name = 'ExerciseModerationAndRatings1795315000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exercise_ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "exercise_id" uuid NOT NULL, "user_id" uuid NOT NULL, "score" smallint NOT NULL, CONSTRAINT "CHK_exercise_ratings_score" CHECK (score BETWEEN 1 AND 5), CONSTRAINT "PK_028e4e2f7d222344ce6416da558" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_exercise_ratings_user" ON "exercise_ratings" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_exercise_ratings_exercise_user" ON "exercise_ratings" ("exercise_id", "user_id") `,
    );
    await queryRunner.query(`ALTER TABLE "exercises" ADD "reviewed_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "exercises" ADD "reviewed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "exercises" ADD "review_note" character varying(500)`);
    await queryRunner.query(
      `ALTER TABLE "exercises" ADD "rating_count" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" ADD "rating_sum" integer NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_exercises_name" ON "exercises" ("name", "id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_exercises_pending" ON "exercises" ("created_at", "id") WHERE status = 'pending' AND deleted_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" ADD CONSTRAINT "FK_94d38eec43ba678e7ddf585bd9f" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_ratings" ADD CONSTRAINT "FK_34a52a5d06cb8d6d38676acc743" FOREIGN KEY ("exercise_id") REFERENCES "exercises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_ratings" ADD CONSTRAINT "FK_bc98706358b50e291da8427a418" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "exercise_ratings" DROP CONSTRAINT "FK_bc98706358b50e291da8427a418"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercise_ratings" DROP CONSTRAINT "FK_34a52a5d06cb8d6d38676acc743"`,
    );
    await queryRunner.query(
      `ALTER TABLE "exercises" DROP CONSTRAINT "FK_94d38eec43ba678e7ddf585bd9f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_exercises_name"`);
    await queryRunner.query(`ALTER TABLE "exercises" DROP COLUMN "rating_sum"`);
    await queryRunner.query(`ALTER TABLE "exercises" DROP COLUMN "rating_count"`);
    await queryRunner.query(`ALTER TABLE "exercises" DROP COLUMN "review_note"`);
    await queryRunner.query(`ALTER TABLE "exercises" DROP COLUMN "reviewed_at"`);
    await queryRunner.query(`ALTER TABLE "exercises" DROP COLUMN "reviewed_by_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_exercise_ratings_exercise_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_exercise_ratings_user"`);
    await queryRunner.query(`DROP TABLE "exercise_ratings"`);
  }
}
