import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per domain event handled by a subscriber: a redelivery is skipped, and what Redis
 * loses after the relay (jobs not yet run) is found and relayed again.
 */
export class DomainEventDeliveries1795390000000 implements MigrationInterface {
  name = 'DomainEventDeliveries1795390000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "domain_event_deliveries" ("event_id" bigint NOT NULL, "subscriber" character varying(200) NOT NULL, "delivered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_domain_event_deliveries" PRIMARY KEY ("event_id", "subscriber"), CONSTRAINT "FK_domain_event_deliveries_event" FOREIGN KEY ("event_id") REFERENCES "domain_events"("id") ON DELETE CASCADE)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "domain_event_deliveries"`);
  }
}
