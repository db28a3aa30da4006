import { MigrationInterface, QueryRunner } from 'typeorm';

/** API processes read recently revoked sessions from PostgreSQL (the truth), not from Redis. */
export class RevokedSessionsIndex1795380000000 implements MigrationInterface {
  name = 'RevokedSessionsIndex1795380000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_refresh_tokens_revoked_at" ON "refresh_tokens" ("revoked_at") WHERE "revoked_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_refresh_tokens_revoked_at"`);
  }
}
