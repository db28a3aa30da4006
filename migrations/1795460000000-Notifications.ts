import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795460000000 implements MigrationInterface {
  name = 'Notifications1795460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "type" character varying(60) NOT NULL, "group_key" character varying(200) NOT NULL, "subject_id" uuid, "count" integer NOT NULL DEFAULT '1', "actor_count" integer NOT NULL DEFAULT '0', "actors" jsonb NOT NULL DEFAULT '[]', "data" jsonb NOT NULL DEFAULT '{}', "in_app" boolean NOT NULL DEFAULT true, "digest_pending" boolean NOT NULL DEFAULT false, "first_at" TIMESTAMP WITH TIME ZONE NOT NULL, "latest_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_prunable" ON "notifications" ("latest_at") WHERE "read_at" IS NOT NULL OR NOT "in_app"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_user_digest" ON "notifications" ("user_id", "latest_at") WHERE "digest_pending"`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_user_group_open" ON "notifications" ("user_id", "group_key", "first_at") WHERE "read_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_user_unread" ON "notifications" ("user_id", "latest_at", "id") WHERE "in_app" AND "read_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notifications_user_latest" ON "notifications" ("user_id", "latest_at", "id") WHERE "in_app"`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_sources" ("user_id" uuid NOT NULL, "source_key" character varying(200) NOT NULL, "notification_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_47e4d43790d96290ef70ca48837" PRIMARY KEY ("user_id", "source_key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_sources_notification" ON "notification_sources" ("notification_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "type" character varying(60) NOT NULL, "in_app" boolean NOT NULL, "email" character varying(10) NOT NULL, "push" boolean NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_755d37e231803acea1c54e5e88a" PRIMARY KEY ("user_id", "type"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "notification_digests" ("user_id" uuid NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "last_sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_65e84c5d2b8cf81b4773394d450" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_notification_digests_due" ON "notification_digests" ("due_at") WHERE "due_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_sources" ADD CONSTRAINT "FK_89b991313ee188e8bd827c1550e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_sources" ADD CONSTRAINT "FK_f23616df7794b8b3666eef65120" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_digests" ADD CONSTRAINT "FK_65e84c5d2b8cf81b4773394d450" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notification_digests" DROP CONSTRAINT "FK_65e84c5d2b8cf81b4773394d450"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_sources" DROP CONSTRAINT "FK_f23616df7794b8b3666eef65120"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_sources" DROP CONSTRAINT "FK_89b991313ee188e8bd827c1550e"`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_digests_due"`);
    await queryRunner.query(`DROP TABLE "notification_digests"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notification_sources_notification"`);
    await queryRunner.query(`DROP TABLE "notification_sources"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_user_latest"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_user_unread"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_user_group_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_user_digest"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_notifications_prunable"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
