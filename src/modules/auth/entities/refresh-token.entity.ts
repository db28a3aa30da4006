import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';

/**
 * One issued refresh token. Tokens of one login session share a `familyId`; each use
 * rotates the token (sets `usedAt`, issues a sibling). Presenting a used or revoked token
 * is treated as theft and revokes the whole family.
 */
@Entity('refresh_tokens')
// Admin figures: active users (a session used: a token issued) per day (docs/admin.md).
@Index('IDX_refresh_tokens_created_at_user', ['createdAt', 'userId'])
export class RefreshToken extends BaseEntity {
  @Index('IDX_refresh_tokens_user_id')
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Index('IDX_refresh_tokens_family_id')
  @Column({ type: 'uuid' })
  familyId: string;

  /** HMAC-SHA256 of the token (hex); the token itself is never stored. */
  @Index('UQ_refresh_tokens_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** Read by every API process to keep its revoked-session set current (SessionRevocations). */
  @Index('IDX_refresh_tokens_revoked_at', { where: '"revoked_at" IS NOT NULL' })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}
