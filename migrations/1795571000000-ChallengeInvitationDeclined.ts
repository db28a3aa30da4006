import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations after creation (POST /challenges/:id/invites) can be declined by the invitee
 * (DELETE /challenges/:id/invitation): the row is kept, marked, so it opens nothing and is not
 * sent again.
 */
export class ChallengeInvitationDeclined1795571000000 implements MigrationInterface {
  name = 'ChallengeInvitationDeclined1795571000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "challenge_invitations" ADD "declined_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "challenge_invitations" DROP COLUMN "declined_at"`);
  }
}
