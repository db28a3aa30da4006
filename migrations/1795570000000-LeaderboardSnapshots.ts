import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leaderboards' rank snapshots (docs/challenges.md, "Rank snapshots"): a board's RANK() written
 * whole by the worker (leaderboard_snapshots + leaderboard_ranks, swapped in atomically), and
 * which boards are behind their entries (leaderboard_boards). Every board that has entries
 * starts dirty, so the worker's first refresh builds its snapshot.
 */
export class LeaderboardSnapshots1795570000000 implements MigrationInterface {
  name = 'LeaderboardSnapshots1795570000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."leaderboard_ranking" AS ENUM('global', 'dots')`);
    await queryRunner.query(
      `CREATE TABLE "leaderboard_snapshots" ("id" BIGSERIAL NOT NULL, "board" "public"."leaderboard_board" NOT NULL, "period" "public"."leaderboard_period" NOT NULL, "period_start" date NOT NULL, "exercise_id" uuid NOT NULL, "ranking" "public"."leaderboard_ranking" NOT NULL, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "total" integer NOT NULL DEFAULT '0', "current" boolean NOT NULL DEFAULT false, "superseded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_da13dd4f20492c08690d403dfa6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_leaderboard_snapshots_superseded" ON "leaderboard_snapshots" ("superseded_at") WHERE "superseded_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_leaderboard_snapshots_current" ON "leaderboard_snapshots" ("board", "period", "period_start", "exercise_id", "ranking") WHERE "current"`,
    );
    await queryRunner.query(
      `CREATE TABLE "leaderboard_ranks" ("snapshot_id" bigint NOT NULL, "position" integer NOT NULL, "user_id" uuid NOT NULL, "value" numeric(14,3) NOT NULL, "rank" integer NOT NULL, CONSTRAINT "PK_0c614703243b5ad55ba440e6c79" PRIMARY KEY ("snapshot_id", "position"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_leaderboard_ranks_value" ON "leaderboard_ranks" ("snapshot_id", "value")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_leaderboard_ranks_user" ON "leaderboard_ranks" ("snapshot_id", "user_id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "leaderboard_boards" ("board" "public"."leaderboard_board" NOT NULL, "period" "public"."leaderboard_period" NOT NULL, "period_start" date NOT NULL, "exercise_id" uuid NOT NULL, "dirty" boolean NOT NULL DEFAULT true, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "refreshed_at" TIMESTAMP WITH TIME ZONE, "refresh_ms" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_5579e879b63955bbde7d4f2cf4d" PRIMARY KEY ("board", "period", "period_start", "exercise_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_leaderboard_boards_dirty" ON "leaderboard_boards" ("changed_at") WHERE "dirty"`,
    );
    await queryRunner.query(
      `ALTER TABLE "leaderboard_ranks" ADD CONSTRAINT "FK_3804fbe4b84392840ba6d23bec9" FOREIGN KEY ("snapshot_id") REFERENCES "leaderboard_snapshots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "leaderboard_boards" ("board", "period", "period_start", "exercise_id")
       SELECT DISTINCT "board", "period", "period_start", "exercise_id" FROM "leaderboard_entries"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "leaderboard_ranks" DROP CONSTRAINT "FK_3804fbe4b84392840ba6d23bec9"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_leaderboard_boards_dirty"`);
    await queryRunner.query(`DROP TABLE "leaderboard_boards"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_leaderboard_ranks_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_leaderboard_ranks_value"`);
    await queryRunner.query(`DROP TABLE "leaderboard_ranks"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_leaderboard_snapshots_current"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_leaderboard_snapshots_superseded"`);
    await queryRunner.query(`DROP TABLE "leaderboard_snapshots"`);
    await queryRunner.query(`DROP TYPE "public"."leaderboard_ranking"`);
  }
}
