import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Templates in the reader's unit (docs/templates.md, "Units"): each template remembers the unit
 * its author wrote its weights in (every existing one was written in kilograms), and
 * prescriptions keep grams, like workout sets, so a pound author's 135 lb (61.235 kg) reads
 * back as 135 lb.
 */
export class TemplateWeightUnits1795410000000 implements MigrationInterface {
  name = 'TemplateWeightUnits1795410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "templates" ADD "weight_unit" "public"."weight_unit" NOT NULL DEFAULT 'kg'`,
    );
    await queryRunner.query(
      `ALTER TABLE "template_sets" ALTER COLUMN "weight_kg" TYPE numeric(7,3)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "template_sets" ALTER COLUMN "weight_kg" TYPE numeric(6,2)`,
    );
    await queryRunner.query(`ALTER TABLE "templates" DROP COLUMN "weight_unit"`);
  }
}
