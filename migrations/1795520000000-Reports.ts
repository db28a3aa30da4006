import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1795520000000 implements MigrationInterface {
  name = 'Reports1795520000000';

  /**
   * PDF reports (docs/reports.md): `report_schedules` (weekly or monthly, claimed by the worker's
   * tick through IDX_report_schedules_next_run) and `reports` (one row per PDF, its status and
   * progress; at most one per schedule and period: UQ_reports_schedule_period). The status enum
   * is `pdf_report_status`: `report_status` is the moderation reports'.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."report_kind" AS ENUM('progress', 'goals')`);
    await queryRunner.query(
      `CREATE TYPE "public"."report_period" AS ENUM('weekly', 'monthly', 'yearly', 'custom')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."pdf_report_status" AS ENUM('pending', 'processing', 'completed', 'failed')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."report_frequency" AS ENUM('weekly', 'monthly')`);
    await queryRunner.query(
      `CREATE TABLE "report_schedules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "kind" "public"."report_kind" NOT NULL, "frequency" "public"."report_frequency" NOT NULL, "time_zone" character varying(64) NOT NULL, "hour" smallint NOT NULL, "next_run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_run_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_603f9cdaaf4c1193d7399c1e79c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_report_schedules_next_run" ON "report_schedules" ("next_run_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_report_schedules_user_created" ON "report_schedules" ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_report_schedules_user_kind_frequency" ON "report_schedules" ("user_id", "kind", "frequency") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "kind" "public"."report_kind" NOT NULL, "period" "public"."report_period" NOT NULL, "from_date" date NOT NULL, "to_date" date NOT NULL, "time_zone" character varying(64) NOT NULL, "status" "public"."pdf_report_status" NOT NULL DEFAULT 'pending', "progress" smallint NOT NULL DEFAULT '0', "failure_reason" character varying(500), "attempts" integer NOT NULL DEFAULT '0', "storage_key" character varying(300), "size_bytes" integer, "page_count" smallint, "chart_count" smallint, "schedule_id" uuid, "email_wanted" boolean NOT NULL DEFAULT false, "emailed_at" TIMESTAMP WITH TIME ZONE, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_reports_schedule_period" ON "reports" ("schedule_id", "from_date") WHERE "schedule_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reports_status_requested" ON "reports" ("status", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_reports_user_created" ON "reports" ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "FK_ca7a21eb95ca4625bd5eaef7e0c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "FK_52e7bfafdb84580e595e7704229" FOREIGN KEY ("schedule_id") REFERENCES "report_schedules"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "report_schedules" ADD CONSTRAINT "FK_54a8552156b972ada128ba177bb" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "report_schedules" DROP CONSTRAINT "FK_54a8552156b972ada128ba177bb"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reports" DROP CONSTRAINT "FK_52e7bfafdb84580e595e7704229"`,
    );
    await queryRunner.query(
      `ALTER TABLE "reports" DROP CONSTRAINT "FK_ca7a21eb95ca4625bd5eaef7e0c"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_reports_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_reports_status_requested"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_reports_schedule_period"`);
    await queryRunner.query(`DROP TABLE "reports"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_report_schedules_user_kind_frequency"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_schedules_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_report_schedules_next_run"`);
    await queryRunner.query(`DROP TABLE "report_schedules"`);
    await queryRunner.query(`DROP TYPE "public"."report_frequency"`);
    await queryRunner.query(`DROP TYPE "public"."report_kind"`);
    await queryRunner.query(`DROP TYPE "public"."pdf_report_status"`);
    await queryRunner.query(`DROP TYPE "public"."report_period"`);
  }
}
