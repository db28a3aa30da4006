import { MigrationInterface, QueryRunner } from 'typeorm';

export class Social1795440000000 implements MigrationInterface {
  name = 'Social1795440000000';

  /**
   * Friends, blocks, the feed (activities, likes, comments) and the privacy preferences
   * (docs/social.md). The `audience` enum is shared by users.activity_visibility and
   * activities.visibility, declared widest first so GREATEST() of two is the stricter.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user_blocks" ("blocker_id" uuid NOT NULL, "blocked_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_48667515438e7d0f0fed998b193" PRIMARY KEY ("blocker_id", "blocked_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_user_blocks_blocker_created" ON "user_blocks" ("blocker_id", "created_at", "blocked_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_user_blocks_blocked" ON "user_blocks" ("blocked_id", "blocker_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "friendships" ("user_id" uuid NOT NULL, "friend_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a8e4ede8e2df44f3f21f557d379" PRIMARY KEY ("user_id", "friend_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_friendships_user_created" ON "friendships" ("user_id", "created_at", "friend_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_friendships_friend" ON "friendships" ("friend_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."friend_request_status" AS ENUM('pending', 'accepted', 'declined', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE TABLE "friend_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "requester_id" uuid NOT NULL, "addressee_id" uuid NOT NULL, "status" "public"."friend_request_status" NOT NULL DEFAULT 'pending', "responded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3827ba86ce64ecb4b90c92eeea6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_friend_requests_addressee" ON "friend_requests" ("addressee_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_friend_requests_requester_pending" ON "friend_requests" ("requester_id", "created_at", "id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_friend_requests_addressee_pending" ON "friend_requests" ("addressee_id", "created_at", "id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_friend_requests_pending" ON "friend_requests" ("requester_id", "addressee_id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."activity_kind" AS ENUM('workout', 'personal_record', 'goal_achieved', 'post')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."audience" AS ENUM('public', 'friends', 'only_me')`,
    );
    await queryRunner.query(
      `CREATE TABLE "activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "kind" "public"."activity_kind" NOT NULL, "visibility" "public"."audience" NOT NULL DEFAULT 'public', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "workout_id" uuid, "record_id" uuid, "goal_id" uuid, "text" character varying(2000), "details" jsonb NOT NULL, "like_count" integer NOT NULL DEFAULT '0', "comment_count" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_7f4004429f731ffb9c88eb486a8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_activities_workout" ON "activities" ("workout_id") WHERE "workout_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_activities_goal" ON "activities" ("goal_id") WHERE "goal_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_activities_record" ON "activities" ("record_id") WHERE "record_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_activities_workout" ON "activities" ("workout_id") WHERE "kind" = 'workout'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_activities_user_occurred" ON "activities" ("user_id", "occurred_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_activities_occurred" ON "activities" ("occurred_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "activity_likes" ("activity_id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2def375041953dae3855c2c9c40" PRIMARY KEY ("activity_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_activity_likes_user" ON "activity_likes" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_activity_likes_activity_created" ON "activity_likes" ("activity_id", "created_at", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "activity_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "activity_id" uuid NOT NULL, "user_id" uuid NOT NULL, "text" character varying(1000) NOT NULL, CONSTRAINT "PK_482bdd7c57a54d6b9c8312c81b5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_activity_comments_user" ON "activity_comments" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_activity_comments_activity_created" ON "activity_comments" ("activity_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "profile_discoverable" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "activity_visibility" "public"."audience" NOT NULL DEFAULT 'friends'`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "show_record_numbers" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_blocks" ADD CONSTRAINT "FK_dfcd8a81016d1de587fbd2d70bf" FOREIGN KEY ("blocker_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_blocks" ADD CONSTRAINT "FK_7a0806a54f0ad9ced3e247cacd1" FOREIGN KEY ("blocked_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "friendships" ADD CONSTRAINT "FK_c73eec6c7e7d5d1f2b3ce8b9002" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "friendships" ADD CONSTRAINT "FK_972c6bdd4bc18dda48b8aa4714c" FOREIGN KEY ("friend_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "friend_requests" ADD CONSTRAINT "FK_9a4e62994c6be786cd48cc52555" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "friend_requests" ADD CONSTRAINT "FK_2375343a663bd06ab281d96a9ad" FOREIGN KEY ("addressee_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_b82f1d8368dd5305ae7e7e664c2" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_dc001e67ddb3df4f57534730c51" FOREIGN KEY ("workout_id") REFERENCES "workouts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_8d409ff2916ad2b6e83d08874e0" FOREIGN KEY ("record_id") REFERENCES "personal_records"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_0e52a7dc2f2082ab3b8579ed4f6" FOREIGN KEY ("goal_id") REFERENCES "goals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_likes" ADD CONSTRAINT "FK_98f6e21a2286be31814e5fe23b5" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_likes" ADD CONSTRAINT "FK_0d6e49fc3f30cae9251be3e1091" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_comments" ADD CONSTRAINT "FK_cad969263a33048ee27bce80ad2" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_comments" ADD CONSTRAINT "FK_b77d63375a93fe50125e004dada" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "activity_comments" DROP CONSTRAINT "FK_b77d63375a93fe50125e004dada"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_comments" DROP CONSTRAINT "FK_cad969263a33048ee27bce80ad2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_likes" DROP CONSTRAINT "FK_0d6e49fc3f30cae9251be3e1091"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activity_likes" DROP CONSTRAINT "FK_98f6e21a2286be31814e5fe23b5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" DROP CONSTRAINT "FK_0e52a7dc2f2082ab3b8579ed4f6"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" DROP CONSTRAINT "FK_8d409ff2916ad2b6e83d08874e0"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" DROP CONSTRAINT "FK_dc001e67ddb3df4f57534730c51"`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" DROP CONSTRAINT "FK_b82f1d8368dd5305ae7e7e664c2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "friend_requests" DROP CONSTRAINT "FK_2375343a663bd06ab281d96a9ad"`,
    );
    await queryRunner.query(
      `ALTER TABLE "friend_requests" DROP CONSTRAINT "FK_9a4e62994c6be786cd48cc52555"`,
    );
    await queryRunner.query(
      `ALTER TABLE "friendships" DROP CONSTRAINT "FK_972c6bdd4bc18dda48b8aa4714c"`,
    );
    await queryRunner.query(
      `ALTER TABLE "friendships" DROP CONSTRAINT "FK_c73eec6c7e7d5d1f2b3ce8b9002"`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_blocks" DROP CONSTRAINT "FK_7a0806a54f0ad9ced3e247cacd1"`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_blocks" DROP CONSTRAINT "FK_dfcd8a81016d1de587fbd2d70bf"`,
    );
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "show_record_numbers"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "activity_visibility"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "profile_discoverable"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_activity_comments_activity_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_activity_comments_user"`);
    await queryRunner.query(`DROP TABLE "activity_comments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_activity_likes_activity_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_activity_likes_user"`);
    await queryRunner.query(`DROP TABLE "activity_likes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_activities_occurred"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_activities_user_occurred"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_activities_workout"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_activities_record"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_activities_goal"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_activities_workout"`);
    await queryRunner.query(`DROP TABLE "activities"`);
    await queryRunner.query(`DROP TYPE "public"."audience"`);
    await queryRunner.query(`DROP TYPE "public"."activity_kind"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_friend_requests_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_friend_requests_addressee_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_friend_requests_requester_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_friend_requests_addressee"`);
    await queryRunner.query(`DROP TABLE "friend_requests"`);
    await queryRunner.query(`DROP TYPE "public"."friend_request_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_friendships_friend"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_friendships_user_created"`);
    await queryRunner.query(`DROP TABLE "friendships"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_user_blocks_blocked"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_user_blocks_blocker_created"`);
    await queryRunner.query(`DROP TABLE "user_blocks"`);
  }
}
