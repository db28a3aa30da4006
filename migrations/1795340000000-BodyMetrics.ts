import { MigrationInterface, QueryRunner } from 'typeorm';

export class BodyMetrics1795340000000 implements MigrationInterface {
  name = 'BodyMetrics1795340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "body_metrics" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "measured_at" TIMESTAMP WITH TIME ZONE NOT NULL, "weight_kg" numeric(6,3), "body_fat_pct" numeric(5,2), "waist_cm" numeric(5,2), "chest_cm" numeric(5,2), "hips_cm" numeric(5,2), "neck_cm" numeric(5,2), "arm_cm" numeric(5,2), "thigh_cm" numeric(5,2), "note" character varying(500), CONSTRAINT "CHK_body_metrics_measured" CHECK (num_nonnulls("weight_kg", "body_fat_pct", "waist_cm", "chest_cm", "hips_cm", "neck_cm", "arm_cm", "thigh_cm") > 0), CONSTRAINT "PK_9a0991ddaeea4a7261ab0a7449c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_body_metrics_user_measured" ON "body_metrics" ("user_id", "measured_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "body_metrics" ADD CONSTRAINT "FK_1c882549c1d5fb275f5b07f546e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "body_metrics" DROP CONSTRAINT "FK_1c882549c1d5fb275f5b07f546e"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_body_metrics_user_measured"`);
    await queryRunner.query(`DROP TABLE "body_metrics"`);
  }
}
