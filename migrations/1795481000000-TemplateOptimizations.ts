import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Proposed template changes (docs/ai-coach.md, "Template optimisation"), kept until the user
 * applies some. Indexes: the owner's newest first, and the template (ON DELETE CASCADE).
 */
export class TemplateOptimizations1795481000000 implements MigrationInterface {
  name = 'TemplateOptimizations1795481000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "template_optimizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "template_id" uuid NOT NULL, "template_version" integer NOT NULL, "sessions_analysed" integer NOT NULL, "changes" jsonb NOT NULL, "applied_change_ids" text array, "applied_at" TIMESTAMP WITH TIME ZONE, "applied_version" integer, CONSTRAINT "PK_ac9acec169057dfadc4d5452efb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_template_optimizations_template" ON "template_optimizations" ("template_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_template_optimizations_user_created" ON "template_optimizations" ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "template_optimizations" ADD CONSTRAINT "FK_62b7d291d3f2cf4c33956f74a22" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_optimizations" ADD CONSTRAINT "FK_61ab0284a877c49cb4594a05292" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "template_optimizations" DROP CONSTRAINT "FK_61ab0284a877c49cb4594a05292"`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_optimizations" DROP CONSTRAINT "FK_62b7d291d3f2cf4c33956f74a22"`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_template_optimizations_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_template_optimizations_template"`);
    await queryRunner.query(`DROP TABLE "template_optimizations"`);
  }
}
