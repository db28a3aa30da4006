import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data rights (docs/data-rights.md): requested exports, uploaded imports, and the content hashes
 * that make an import idempotent. One status type serves both jobs.
 */
export class DataRights1795530000000 implements MigrationInterface {
  name = 'DataRights1795530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."data_job_status" AS ENUM('pending', 'processing', 'completed', 'failed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "data_exports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "status" "public"."data_job_status" NOT NULL DEFAULT 'pending', "progress_pct" smallint NOT NULL DEFAULT '0', "storage_key" character varying(512), "size_bytes" bigint, "row_counts" jsonb, "failure_reason" character varying(500), "attempts" integer NOT NULL DEFAULT '0', "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3e8b8b297ef4446f30527695c10" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_data_exports_user_requested" ON "data_exports" ("user_id", "requested_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."data_import_source" AS ENUM('fitai', 'strong', 'hevy')`,
    );
    await queryRunner.query(
      `CREATE TABLE "data_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "source" "public"."data_import_source" NOT NULL, "status" "public"."data_job_status" NOT NULL DEFAULT 'pending', "progress_pct" smallint NOT NULL DEFAULT '0', "upload_key" character varying(512) NOT NULL, "file_name" character varying(255) NOT NULL, "size_bytes" bigint NOT NULL, "report" jsonb, "failure_reason" character varying(500), "attempts" integer NOT NULL DEFAULT '0', "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_170aea53191b5c89deebf7dec39" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_data_imports_user_created" ON "data_imports" ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "data_import_records" ("user_id" uuid NOT NULL, "content_hash" character(64) NOT NULL, "kind" character varying(32) NOT NULL, "resource_id" uuid NOT NULL, "import_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7405efc4f388f38c4ba3c244c48" PRIMARY KEY ("user_id", "content_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_data_import_records_import" ON "data_import_records" ("import_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "data_exports" ADD CONSTRAINT "FK_8ee9254a3040f10d3f57d789d29" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_imports" ADD CONSTRAINT "FK_9fccba5d5853ec119c525d17285" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_import_records" ADD CONSTRAINT "FK_edbdf75397cba395004965019ad" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_import_records" ADD CONSTRAINT "FK_a5529712545c17b6bdb4818bdd4" FOREIGN KEY ("import_id") REFERENCES "data_imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "data_import_records" DROP CONSTRAINT "FK_a5529712545c17b6bdb4818bdd4"`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_import_records" DROP CONSTRAINT "FK_edbdf75397cba395004965019ad"`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_imports" DROP CONSTRAINT "FK_9fccba5d5853ec119c525d17285"`,
    );
    await queryRunner.query(
      `ALTER TABLE "data_exports" DROP CONSTRAINT "FK_8ee9254a3040f10d3f57d789d29"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_data_import_records_import"`);
    await queryRunner.query(`DROP TABLE "data_import_records"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_data_imports_user_created"`);
    await queryRunner.query(`DROP TABLE "data_imports"`);
    await queryRunner.query(`DROP TYPE "public"."data_import_source"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_data_exports_user_requested"`);
    await queryRunner.query(`DROP TABLE "data_exports"`);
    await queryRunner.query(`DROP TYPE "public"."data_job_status"`);
  }
}
