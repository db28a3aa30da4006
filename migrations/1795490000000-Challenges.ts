import { MigrationInterface, QueryRunner } from 'typeorm';

export class Challenges1795490000000 implements MigrationInterface {
  name = 'Challenges1795490000000';

  /**
   * Challenges (participants with their progress, invitations), the leaderboards' incremental
   * structure (leaderboard_entries), the leaderboard opt-out preference, and the feed's
   * challenge result activities (docs/challenges.md).
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."leaderboard_board" AS ENUM('strength', 'volume', 'consistency')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."leaderboard_period" AS ENUM('week', 'month', 'all')`,
    );
    await queryRunner.query(
      `CREATE TABLE "leaderboard_entries" ("board" "public"."leaderboard_board" NOT NULL, "period" "public"."leaderboard_period" NOT NULL, "period_start" date NOT NULL, "exercise_id" uuid NOT NULL, "user_id" uuid NOT NULL, "value" numeric(14,3) NOT NULL, "global_value" numeric(14,3) NOT NULL, "dots_value" numeric(14,3), "listed" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f952b791d716cd4878d66c14bdc" PRIMARY KEY ("board", "period", "period_start", "exercise_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_leaderboard_entries_user" ON "leaderboard_entries" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_leaderboard_entries_dots" ON "leaderboard_entries" ("board", "period", "period_start", "exercise_id", "dots_value", "user_id") WHERE "listed" AND "dots_value" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_leaderboard_entries_global" ON "leaderboard_entries" ("board", "period", "period_start", "exercise_id", "global_value", "user_id") WHERE "listed" AND "global_value" > 0`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."challenge_kind" AS ENUM('workout_count', 'volume', 'exercise_reps', 'consistency')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."challenge_visibility" AS ENUM('public', 'friends', 'invite_only')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."challenge_status" AS ENUM('open', 'closed')`);
    await queryRunner.query(
      `CREATE TABLE "challenges" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "creator_id" uuid NOT NULL, "title" character varying(100) NOT NULL, "description" character varying(1000), "kind" "public"."challenge_kind" NOT NULL, "exercise_id" uuid, "sessions_per_week" smallint, "visibility" "public"."challenge_visibility" NOT NULL, "time_zone" character varying(64) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" "public"."challenge_status" NOT NULL DEFAULT 'open', "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1e664e93171e20fe4d6125466af" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_challenges_exercise" ON "challenges" ("exercise_id") WHERE "exercise_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_challenges_creator" ON "challenges" ("creator_id", "starts_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_challenges_open_ends" ON "challenges" ("ends_at") WHERE "status" = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_challenges_status_starts" ON "challenges" ("status", "starts_at", "id") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."challenge_badge" AS ENUM('winner', 'finisher')`);
    await queryRunner.query(
      `CREATE TABLE "challenge_participants" ("challenge_id" uuid NOT NULL, "user_id" uuid NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "progress" numeric(14,3) NOT NULL DEFAULT '0', "reached_at" TIMESTAMP WITH TIME ZONE, "final_rank" integer, "badge" "public"."challenge_badge", CONSTRAINT "PK_931e5567a4dc157301e2912db45" PRIMARY KEY ("challenge_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_challenge_participants_user" ON "challenge_participants" ("user_id", "challenge_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_challenge_participants_board" ON "challenge_participants" ("challenge_id", "progress", "reached_at", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "challenge_invitations" ("challenge_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b74073e3a5e9461045c072b862a" PRIMARY KEY ("challenge_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_challenge_invitations_user" ON "challenge_invitations" ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "leaderboard_opt_out" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`ALTER TABLE "activities" ADD "challenge_id" uuid`);
    // Added in place: re-creating the type would need UQ_activities_workout (its predicate
    // compares kinds) dropped and rebuilt. The new value is not used in this transaction.
    await queryRunner.query(`ALTER TYPE "public"."activity_kind" ADD VALUE 'challenge_result'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_activities_challenge" ON "activities" ("challenge_id", "user_id") WHERE "challenge_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "leaderboard_entries" ADD CONSTRAINT "FK_1c6886ea7af50f939576cfec934" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_bb8655b3d4db214a488e3b44441" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenges" ADD CONSTRAINT "FK_52f05c24d1184061261f0c82a5b" FOREIGN KEY ("creator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenges" ADD CONSTRAINT "FK_64d80d7166b122f4b0904db695e" FOREIGN KEY ("exercise_id") REFERENCES "exercises"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_participants" ADD CONSTRAINT "FK_a4b4a1ca9ccc6f110d0e1037056" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_participants" ADD CONSTRAINT "FK_b98686bb3cea5782ee99733cfbc" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_invitations" ADD CONSTRAINT "FK_b70a1c7bf138798fcbc9177364f" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_invitations" ADD CONSTRAINT "FK_515fa07b9cd5ff8be49e8dee206" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "challenge_invitations" DROP CONSTRAINT "FK_515fa07b9cd5ff8be49e8dee206"`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_invitations" DROP CONSTRAINT "FK_b70a1c7bf138798fcbc9177364f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_participants" DROP CONSTRAINT "FK_b98686bb3cea5782ee99733cfbc"`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenge_participants" DROP CONSTRAINT "FK_a4b4a1ca9ccc6f110d0e1037056"`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenges" DROP CONSTRAINT "FK_64d80d7166b122f4b0904db695e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "challenges" DROP CONSTRAINT "FK_52f05c24d1184061261f0c82a5b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" DROP CONSTRAINT "FK_bb8655b3d4db214a488e3b44441"`,
    );
    await queryRunner.query(
      `ALTER TABLE "leaderboard_entries" DROP CONSTRAINT "FK_1c6886ea7af50f939576cfec934"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_activities_challenge"`);
    // PostgreSQL cannot drop an enum value: 'challenge_result' stays in activity_kind, unused.
    await queryRunner.query(`DELETE FROM "activities" WHERE "kind" = 'challenge_result'`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "challenge_id"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "leaderboard_opt_out"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_challenge_invitations_user"`);
    await queryRunner.query(`DROP TABLE "challenge_invitations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_challenge_participants_board"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_challenge_participants_user"`);
    await queryRunner.query(`DROP TABLE "challenge_participants"`);
    await queryRunner.query(`DROP TYPE "public"."challenge_badge"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_challenges_status_starts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_challenges_open_ends"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_challenges_creator"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_challenges_exercise"`);
    await queryRunner.query(`DROP TABLE "challenges"`);
    await queryRunner.query(`DROP TYPE "public"."challenge_status"`);
    await queryRunner.query(`DROP TYPE "public"."challenge_visibility"`);
    await queryRunner.query(`DROP TYPE "public"."challenge_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_leaderboard_entries_global"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_leaderboard_entries_dots"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_leaderboard_entries_user"`);
    await queryRunner.query(`DROP TABLE "leaderboard_entries"`);
    await queryRunner.query(`DROP TYPE "public"."leaderboard_period"`);
    await queryRunner.query(`DROP TYPE "public"."leaderboard_board"`);
  }
}
