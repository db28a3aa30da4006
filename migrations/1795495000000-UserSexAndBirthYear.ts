import { MigrationInterface, QueryRunner } from 'typeorm';

/** Optional stated sex and birth year: DOTS on strength boards and benchmark cohorts. */
export class UserSexAndBirthYear1795495000000 implements MigrationInterface {
  name = 'UserSexAndBirthYear1795495000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."sex" AS ENUM('female', 'male')`);
    await queryRunner.query(`ALTER TABLE "users" ADD "sex" "public"."sex"`);
    await queryRunner.query(`ALTER TABLE "users" ADD "birth_year" smallint`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "birth_year"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "sex"`);
    await queryRunner.query(`DROP TYPE "public"."sex"`);
  }
}
