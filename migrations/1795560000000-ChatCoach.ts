import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chat coach (docs/ai-chat.md): one conversation per user (its rolling summary) and its
 * messages. Indexes: the history newest first (user, created_at, id); the context, i.e. the
 * messages not folded into the summary (partial); one conversation per user (unique).
 */
export class ChatCoach1795560000000 implements MigrationInterface {
  name = 'ChatCoach1795560000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "chat_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "role" character varying(16) NOT NULL, "content" text NOT NULL, "tokens" integer NOT NULL, "folded" boolean NOT NULL DEFAULT false, "intent" character varying(40), "provider" character varying(20), "model" character varying(200), "fell_back" boolean NOT NULL DEFAULT false, "context_tokens" integer, CONSTRAINT "PK_40c55ee0e571e268b0d3cd37d10" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_chat_messages_user_unfolded" ON "chat_messages" ("user_id", "created_at") WHERE "folded" = false`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_chat_messages_user_created" ON "chat_messages" ("user_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "chat_conversations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "summary" text NOT NULL DEFAULT '', "summary_tokens" integer NOT NULL DEFAULT '0', "folded_messages" integer NOT NULL DEFAULT '0', "last_intent" character varying(40), "context_tokens" integer NOT NULL DEFAULT '0', "last_message_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ff117d9f57807c4f2e3034a39f3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_chat_conversations_user" ON "chat_conversations" ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_messages" ADD CONSTRAINT "FK_5588b6cea298cedec7063c0d33e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_conversations" ADD CONSTRAINT "FK_7f9e5689ad3d7f45172fc156fbf" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "chat_conversations" DROP CONSTRAINT "FK_7f9e5689ad3d7f45172fc156fbf"`,
    );
    await queryRunner.query(
      `ALTER TABLE "chat_messages" DROP CONSTRAINT "FK_5588b6cea298cedec7063c0d33e"`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_chat_conversations_user"`);
    await queryRunner.query(`DROP TABLE "chat_conversations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_chat_messages_user_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_chat_messages_user_unfolded"`);
    await queryRunner.query(`DROP TABLE "chat_messages"`);
  }
}
