import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The current avatar of an account, by the digest that names its files in storage
 * (`avatars/<user id>/<digest>-<pixels>.webp`, docs/storage.md). No index: it is only read
 * with the row.
 */
export class UserAvatars1795450000000 implements MigrationInterface {
  name = 'UserAvatars1795450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "avatar_digest" character varying(32)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "avatar_digest"`);
  }
}
