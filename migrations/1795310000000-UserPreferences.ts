import { MigrationInterface, QueryRunner } from 'typeorm';

export class UserPreferences1795310000000 implements MigrationInterface {
  name = 'UserPreferences1795310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."weight_unit" AS ENUM('kg', 'lb')`);
    await queryRunner.query(`CREATE TYPE "public"."length_unit" AS ENUM('cm', 'in')`);
    await queryRunner.query(
      `ALTER TABLE "users" ADD "weight_unit" "public"."weight_unit" NOT NULL DEFAULT 'kg'`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "length_unit" "public"."length_unit" NOT NULL DEFAULT 'cm'`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD "time_zone" character varying(64) NOT NULL DEFAULT 'UTC'`,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "training_level" "public"."exercise_level"`);
    await queryRunner.query(`ALTER TABLE "users" ADD "equipment" "public"."equipment" array`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "equipment"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "training_level"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "time_zone"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "weight_unit"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "length_unit"`);
    await queryRunner.query(`DROP TYPE "public"."length_unit"`);
    await queryRunner.query(`DROP TYPE "public"."weight_unit"`);
  }
}
