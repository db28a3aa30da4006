import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** The social sign-in providers FitAI accepts. */
export const OAUTH_PROVIDERS = ['google', 'github'] as const;
export type OAuthProviderName = (typeof OAUTH_PROVIDERS)[number];

/**
 * A provider account linked to a FitAI account: signing in with that provider account signs
 * in as `userId`. One provider account links to at most one FitAI account; a FitAI account
 * may have several identities. Deleting the user deletes its identities.
 */
@Entity('user_identities')
@Index('UQ_user_identities_provider_provider_user_id', ['provider', 'providerUserId'], {
  unique: true,
})
export class UserIdentity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_user_identities_user_id')
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  /** 'google' or 'github' (varchar, not an enum: adding a provider needs no type change). */
  @Column({ type: 'varchar', length: 20 })
  provider: OAuthProviderName;

  /** The provider's stable account id (Google `sub`, GitHub numeric id), never the email. */
  @Column({ type: 'varchar', length: 255 })
  providerUserId: string;

  /** The verified email the provider reported when the identity was linked (informational). */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
