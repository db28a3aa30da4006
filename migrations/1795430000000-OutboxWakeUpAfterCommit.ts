import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay is no longer woken by a trigger on `domain_events`: a NOTIFY sent from the writer's
 * transaction takes a database-wide lock from its commit until the commit is flushed, which
 * serialised every write that published events (half the inserts per second). The publisher
 * now sends the NOTIFY after its commit, outside it (src/infrastructure/events/outbox-wake-up.ts).
 */
export class OutboxWakeUpAfterCommit1795430000000 implements MigrationInterface {
  name = 'OutboxWakeUpAfterCommit1795430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_domain_events_notify" ON "domain_events"`);
    await queryRunner.query(`DROP FUNCTION "notify_domain_events"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
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
}
