import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recommendations (docs/recommendations.md): the recommendations with their features (one
 * active per user, kind and subject), the per-kind Beta preferences moved by feedback, the
 * cool-downs per kind and subject, and the schedule the recurring tick claims (due_at).
 */
export class Recommendations1795550000000 implements MigrationInterface {
  name = 'Recommendations1795550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "recommendation_schedules" ("user_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_75a6b63116f4829dc936632e847" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recommendation_schedules_due" ON "recommendation_schedules" ("due_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "recommendations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "subject" character varying(100) NOT NULL, "state" character varying(40) NOT NULL DEFAULT 'active', "title" character varying(200) NOT NULL, "message" text NOT NULL, "score" double precision NOT NULL, "priority" double precision NOT NULL, "features" jsonb NOT NULL, "sources" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "feedback" character varying(20), "feedback_reason" character varying(500), "feedback_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_23a8d2db26db8cabb6ae9d6cd87" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recommendations_user_created" ON "recommendations" ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_recommendations_user_active_score" ON "recommendations" ("user_id", "score", "id") WHERE "state" = 'active'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_recommendations_active_subject" ON "recommendations" ("user_id", "kind", "subject") WHERE "state" = 'active'`,
    );
    await queryRunner.query(
      `CREATE TABLE "recommendation_preferences" ("user_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "alpha" double precision NOT NULL, "beta" double precision NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1b182ce6283624f98015a38a9b5" PRIMARY KEY ("user_id", "kind"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "recommendation_cooldowns" ("user_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "subject" character varying(100) NOT NULL, "until" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_29e79d0535a9100cfc4d8d29e24" PRIMARY KEY ("user_id", "kind", "subject"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendation_schedules" ADD CONSTRAINT "FK_75a6b63116f4829dc936632e847" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendations" ADD CONSTRAINT "FK_36a0fe63642889bc60ceebce002" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendation_preferences" ADD CONSTRAINT "FK_015d09f636cf9a9f117f61b45a2" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendation_cooldowns" ADD CONSTRAINT "FK_655f312cacea66d938f73f242c7" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "recommendation_cooldowns" DROP CONSTRAINT "FK_655f312cacea66d938f73f242c7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendation_preferences" DROP CONSTRAINT "FK_015d09f636cf9a9f117f61b45a2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendations" DROP CONSTRAINT "FK_36a0fe63642889bc60ceebce002"`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendation_schedules" DROP CONSTRAINT "FK_75a6b63116f4829dc936632e847"`,
    );
    await queryRunner.query(`DROP TABLE "recommendation_cooldowns"`);
    await queryRunner.query(`DROP TABLE "recommendation_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_recommendations_active_subject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_recommendations_user_active_score"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_recommendations_user_created"`);
    await queryRunner.query(`DROP TABLE "recommendations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_recommendation_schedules_due"`);
    await queryRunner.query(`DROP TABLE "recommendation_schedules"`);
  }
}
