import { MigrationInterface, QueryRunner } from 'typeorm';

export class StorageLedger1795620000000 implements MigrationInterface {
  name = 'StorageLedger1795620000000';

  /**
   * The storage ledger (docs/storage.md, "Usage ledger"): one row per stored object, written by
   * MeteredStorage on every put and delete, and a one-row running total kept by a trigger, so
   * GET /admin/stats reads the storage used without walking the files.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stored_objects" ("key" character varying(512) NOT NULL, "size" bigint NOT NULL, "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_stored_objects" PRIMARY KEY ("key"), CONSTRAINT "CHK_stored_objects_size" CHECK ("size" >= 0))`,
    );
    await queryRunner.query(
      `CREATE TABLE "storage_usage" ("id" boolean NOT NULL DEFAULT true, "objects" bigint NOT NULL DEFAULT 0, "bytes" bigint NOT NULL DEFAULT 0, CONSTRAINT "PK_storage_usage" PRIMARY KEY ("id"), CONSTRAINT "CHK_storage_usage_one_row" CHECK ("id"))`,
    );
    await queryRunner.query(`INSERT INTO "storage_usage" DEFAULT VALUES`);
    // Row-level, from OLD and NEW: exact whatever the order of concurrent puts and deletes of
    // a key (a replaced object counts its new size only).
    await queryRunner.query(
      `CREATE FUNCTION "stored_objects_usage"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'INSERT' THEN
           UPDATE storage_usage SET objects = objects + 1, bytes = bytes + NEW.size;
         ELSIF TG_OP = 'UPDATE' THEN
           UPDATE storage_usage SET bytes = bytes + NEW.size - OLD.size;
         ELSE
           UPDATE storage_usage SET objects = objects - 1, bytes = bytes - OLD.size;
         END IF;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "stored_objects_usage" AFTER INSERT OR UPDATE OF "size" OR DELETE ON "stored_objects" FOR EACH ROW EXECUTE FUNCTION "stored_objects_usage"()`,
    );
    // TRUNCATE skips row triggers: the total would be left behind, so it is refused.
    await queryRunner.query(
      `CREATE FUNCTION "stored_objects_no_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'stored_objects: delete rows instead of truncating (storage_usage follows them)'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "stored_objects_no_truncate" BEFORE TRUNCATE ON "stored_objects" FOR EACH STATEMENT EXECUTE FUNCTION "stored_objects_no_truncate"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "stored_objects"`);
    await queryRunner.query(`DROP FUNCTION "stored_objects_no_truncate"()`);
    await queryRunner.query(`DROP FUNCTION "stored_objects_usage"()`);
    await queryRunner.query(`DROP TABLE "storage_usage"`);
  }
}
