import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency-Keys are forgotten after IDEMPOTENCY_KEY_RETENTION_HOURS by the worker's
 * maintenance queue, which finds them by age.
 */
export class IdempotencyKeyRetention1795435000000 implements MigrationInterface {
  name = 'IdempotencyKeyRetention1795435000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "IDX_idempotency_keys_created_at" ON "idempotency_keys" ("created_at")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_idempotency_keys_created_at"`);
  }
}
