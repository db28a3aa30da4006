import { MigrationInterface, QueryRunner } from 'typeorm';

/** Metering of AI provider calls per user (src/modules/ai/entities/ai-usage.entity.ts). */
export class AiUsage1795260000000 implements MigrationInterface {
  name = 'AiUsage1795260000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ai_usage" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "operation" character varying(40) NOT NULL, "provider" character varying(20) NOT NULL, "model" character varying(200) NOT NULL, "prompt_tokens" integer, "completion_tokens" integer, "latency_ms" integer NOT NULL, "outcome" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3dddab3a15520a9c3eba859195d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_ai_usage_user_id_created_at" ON "ai_usage" ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "ai_usage" ADD CONSTRAINT "FK_1b342fd5b20e5ffca652770404d" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "ai_usage" DROP CONSTRAINT "FK_1b342fd5b20e5ffca652770404d"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_ai_usage_user_id_created_at"`);
    await queryRunner.query(`DROP TABLE "ai_usage"`);
  }
}
