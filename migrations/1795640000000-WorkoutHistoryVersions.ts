import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics rollups' freshness by a version instead of a fingerprint of the completed
 * workouts (docs/analytics.md, "Freshness"). Users with completed workouts start at version 1;
 * rollups whose fingerprint matched their workouts start in step with it, the others at -1
 * (rebuilt by their next read).
 */
export class WorkoutHistoryVersions1795640000000 implements MigrationInterface {
  name = 'WorkoutHistoryVersions1795640000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "workout_history_versions" ("user_id" uuid NOT NULL, "version" bigint NOT NULL, CONSTRAINT "PK_72394aa49dde2636ff29f333c9e" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "workout_history_versions" ADD CONSTRAINT "FK_72394aa49dde2636ff29f333c9e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO workout_history_versions (user_id, version)
       SELECT DISTINCT user_id, 1 FROM workouts WHERE status = 'completed'`,
    );
    await queryRunner.query(
      `ALTER TABLE "analytics_rollup_states" ADD "history_version" bigint NOT NULL DEFAULT -1`,
    );
    // The fingerprint as the rollups computed it (count, Σ starts, Σ ends, Σ id hashes).
    await queryRunner.query(
      `UPDATE analytics_rollup_states st
          SET history_version = coalesce(v.version, 0)
         FROM analytics_rollup_states s
         LEFT JOIN workout_history_versions v ON v.user_id = s.user_id
        WHERE st.user_id = s.user_id
          AND s.fingerprint = (
                SELECT count(*)::text
                       || ':' || coalesce(sum(extract(epoch FROM w.session_at)), 0)::text
                       || ':' || coalesce(sum(extract(epoch FROM w.completed_at)), 0)::text
                       || ':' || coalesce(sum(hashtextextended(w.id::text, 0)::numeric), 0)::text
                  FROM workouts w
                 WHERE w.user_id = s.user_id AND w.status = 'completed')`,
    );
    await queryRunner.query(
      `ALTER TABLE "analytics_rollup_states" ALTER COLUMN "history_version" DROP DEFAULT`,
    );
    await queryRunner.query(`ALTER TABLE "analytics_rollup_states" DROP COLUMN "fingerprint"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // No fingerprint to restore: an empty one, which the next read finds behind and rebuilds.
    await queryRunner.query(
      `ALTER TABLE "analytics_rollup_states" ADD "fingerprint" character varying(200) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(
      `ALTER TABLE "analytics_rollup_states" ALTER COLUMN "fingerprint" DROP DEFAULT`,
    );
    await queryRunner.query(`ALTER TABLE "analytics_rollup_states" DROP COLUMN "history_version"`);
    await queryRunner.query(
      `ALTER TABLE "workout_history_versions" DROP CONSTRAINT "FK_72394aa49dde2636ff29f333c9e"`,
    );
    await queryRunner.query(`DROP TABLE "workout_history_versions"`);
  }
}
