import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of domain events (src/infrastructure/events). Rows are written in
 * the publisher's transaction and relayed by the worker; a statement trigger wakes the relay
 * with NOTIFY, which PostgreSQL delivers at commit (never for a rolled-back write).
 */
export class DomainEventsOutbox1795370000000 implements MigrationInterface {
  name = 'DomainEventsOutbox1795370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "domain_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "name" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "request_id" character varying(128), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "relay_attempts" integer NOT NULL DEFAULT 0, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "dispatched_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_domain_events" PRIMARY KEY ("id"))`,
    );
    // The relay's claim: undispatched rows in publication order.
    await queryRunner.query(
      `CREATE INDEX "IDX_domain_events_pending" ON "domain_events" ("id") WHERE "dispatched_at" IS NULL`,
    );
    // Pruning delivered rows past the retention period.
    await queryRunner.query(
      `CREATE INDEX "IDX_domain_events_dispatched_at" ON "domain_events" ("dispatched_at") WHERE "dispatched_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "notify_domain_events"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('fitai_domain_events', '');
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "TRG_domain_events_notify" AFTER INSERT ON "domain_events" FOR EACH STATEMENT EXECUTE FUNCTION "notify_domain_events"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_domain_events_notify" ON "domain_events"`);
    await queryRunner.query(`DROP FUNCTION "notify_domain_events"()`);
    await queryRunner.query(`DROP TABLE "domain_events"`);
  }
}
