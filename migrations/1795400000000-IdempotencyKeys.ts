import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One store of Idempotency-Keys for every create that accepts one (src/common/idempotency):
 * journal entries, workouts, their exercises and sets. The journal's keys move here from the
 * columns `entries` kept them in, with the entry they created (scope `entries.create`).
 *
 * The primary key (user_id, key) is the claim (INSERT … ON CONFLICT DO NOTHING) and the
 * replay's lookup; it also backs the cascade from users.
 */
export class IdempotencyKeys1795400000000 implements MigrationInterface {
  name = 'IdempotencyKeys1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" character varying(128) NOT NULL, "scope" character varying(64) NOT NULL, "fingerprint" character(64) NOT NULL, "resource_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_idempotency_keys" PRIMARY KEY ("user_id", "key"), CONSTRAINT "FK_idempotency_keys_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(
      `INSERT INTO "idempotency_keys" ("user_id", "key", "scope", "fingerprint", "resource_id", "created_at")
       SELECT "user_id", "idempotency_key", 'entries.create', "idempotency_fingerprint", "id", "created_at"
         FROM "entries" WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_entries_user_idempotency_key"`);
    await queryRunner.query(
      `ALTER TABLE "entries" DROP COLUMN "idempotency_key", DROP COLUMN "idempotency_fingerprint"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "entries" ADD "idempotency_key" character varying(128), ADD "idempotency_fingerprint" character(64)`,
    );
    await queryRunner.query(
      `UPDATE "entries" e SET "idempotency_key" = k."key", "idempotency_fingerprint" = k."fingerprint"
         FROM "idempotency_keys" k
        WHERE k."scope" = 'entries.create' AND k."resource_id" = e."id" AND k."user_id" = e."user_id"`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_entries_user_idempotency_key" ON "entries" ("user_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
