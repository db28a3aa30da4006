import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalyticsRollups1795500000000 implements MigrationInterface {
  name = 'AnalyticsRollups1795500000000';

  /**
   * The analytics rollups (docs/analytics.md): per session, per session and exercise, per ISO
   * week, and each user's rollup state (time zone and source fingerprint). Read models kept by
   * the worker's subscribers of the workout events; empty here, filled by the first read or
   * event of each user (or `npm run analytics:rebuild`).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "analytics_week_rollups" ("user_id" uuid NOT NULL, "week_start" date NOT NULL, "workouts" integer NOT NULL, "sets" integer NOT NULL, "volume_kg" numeric NOT NULL, CONSTRAINT "PK_17b271d5972c3abfec8818cf4af" PRIMARY KEY ("user_id", "week_start"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "analytics_session_rollups" ("workout_id" uuid NOT NULL, "user_id" uuid NOT NULL, "session_at" TIMESTAMP WITH TIME ZONE NOT NULL, "local_day" date NOT NULL, "week_start" date NOT NULL, "sets" integer NOT NULL, "volume_kg" numeric NOT NULL, "records" integer NOT NULL, CONSTRAINT "PK_65804c36217024e33ddbadf6e50" PRIMARY KEY ("workout_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_analytics_session_rollups_user_session" ON "analytics_session_rollups" ("user_id", "session_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_analytics_session_rollups_user_day" ON "analytics_session_rollups" ("user_id", "local_day") `,
    );
    await queryRunner.query(
      `CREATE TABLE "analytics_session_exercise_rollups" ("workout_id" uuid NOT NULL, "exercise_id" uuid NOT NULL, "user_id" uuid NOT NULL, "session_at" TIMESTAMP WITH TIME ZONE NOT NULL, "local_day" date NOT NULL, "sets" integer NOT NULL, "volume_kg" numeric NOT NULL, "e1rm_sets" integer NOT NULL, "best_e1rm_kg" numeric, "best_weight_kg" numeric, "best_reps" integer, "best_set_type" character varying(16), CONSTRAINT "PK_c1328cc08500d1170ffc171c075" PRIMARY KEY ("workout_id", "exercise_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_analytics_session_exercise_rollups_user_session" ON "analytics_session_exercise_rollups" ("user_id", "session_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_analytics_session_exercise_rollups_user_exercise_day" ON "analytics_session_exercise_rollups" ("user_id", "exercise_id", "local_day") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_analytics_session_exercise_rollups_user_day" ON "analytics_session_exercise_rollups" ("user_id", "local_day") `,
    );
    await queryRunner.query(
      `CREATE TABLE "analytics_rollup_states" ("user_id" uuid NOT NULL, "time_zone" character varying(64) NOT NULL, "fingerprint" character varying(200) NOT NULL, "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_301088efdb718d782076a428988" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "analytics_week_rollups" ADD CONSTRAINT "FK_3a6c792f04588a82677b2028193" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "analytics_session_rollups" ADD CONSTRAINT "FK_545cd5005bf2966a1d794190d4f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "analytics_session_exercise_rollups" ADD CONSTRAINT "FK_1008b5b1b19234d1cf92d9451c8" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "analytics_rollup_states" ADD CONSTRAINT "FK_301088efdb718d782076a428988" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "analytics_rollup_states" DROP CONSTRAINT "FK_301088efdb718d782076a428988"`,
    );
    await queryRunner.query(
      `ALTER TABLE "analytics_session_exercise_rollups" DROP CONSTRAINT "FK_1008b5b1b19234d1cf92d9451c8"`,
    );
    await queryRunner.query(
      `ALTER TABLE "analytics_session_rollups" DROP CONSTRAINT "FK_545cd5005bf2966a1d794190d4f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "analytics_week_rollups" DROP CONSTRAINT "FK_3a6c792f04588a82677b2028193"`,
    );
    await queryRunner.query(`DROP TABLE "analytics_rollup_states"`);
    await queryRunner.query(
      `DROP INDEX "public"."IDX_analytics_session_exercise_rollups_user_day"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."IDX_analytics_session_exercise_rollups_user_exercise_day"`,
    );
    await queryRunner.query(
      `DROP INDEX "public"."IDX_analytics_session_exercise_rollups_user_session"`,
    );
    await queryRunner.query(`DROP TABLE "analytics_session_exercise_rollups"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_analytics_session_rollups_user_day"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_analytics_session_rollups_user_session"`);
    await queryRunner.query(`DROP TABLE "analytics_session_rollups"`);
    await queryRunner.query(`DROP TABLE "analytics_week_rollups"`);
  }
}
