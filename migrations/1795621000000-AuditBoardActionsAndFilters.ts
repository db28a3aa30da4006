import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditBoardActionsAndFilters1795621000000 implements MigrationInterface {
  name = 'AuditBoardActionsAndFilters1795621000000';

  /**
   * The audit log records each change made through the queue dashboard, and is read filtered by
   * actor and by target (docs/admin.md, "The audit log").
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."audit_action" ADD VALUE IF NOT EXISTS 'queue_board_action'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_moderation_log_actor_created" ON "moderation_log" ("moderator_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_moderation_log_target_created" ON "moderation_log" ("target_id", "created_at", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_moderation_log_target_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_moderation_log_actor_created"`);
    // An enum value cannot be dropped; 'queue_board_action' stays (unused by older code).
  }
}
