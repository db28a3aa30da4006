import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditAction, AuditTarget } from '../moderation.vocabulary';

/**
 * One moderation or admin action (the audit log, docs/admin.md), append-only: a trigger refuses
 * UPDATE, DELETE and TRUNCATE (migration ModerationReports), but for replacing a purged account's
 * ids by its anonymous stand-in (migration AccountDeletionAndAdmin). Ids of people are kept
 * without foreign keys, so the record outlives the accounts it names.
 */
@Entity('moderation_log')
// A user's moderation history, newest first.
@Index('IDX_moderation_log_owner_created', ['targetOwnerId', 'createdAt', 'id'])
// An actor's actions, newest first.
@Index('IDX_moderation_log_actor_created', ['moderatorId', 'createdAt', 'id'])
// The actions about one profile, activity or comment.
@Index('IDX_moderation_log_target_created', ['targetId', 'createdAt', 'id'])
// The whole log, newest first.
@Index('IDX_moderation_log_created', ['createdAt', 'id'])
export class ModerationLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid' })
  moderatorId: string;

  @Column({ type: 'enum', enum: AuditAction, enumName: 'audit_action' })
  action: AuditAction;

  @Column({ type: 'enum', enum: AuditTarget, enumName: 'audit_target' })
  targetType: AuditTarget;

  /** Null when the target has no uuid (a queue: `note` names it). */
  @Column({ type: 'uuid', nullable: true })
  targetId: string | null;

  @Column({ type: 'uuid', nullable: true })
  targetOwnerId: string | null;

  /** The report the action resolved (with every other open report of the same target). */
  @Column({ type: 'uuid', nullable: true })
  reportId: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  /** Suspensions: until when the owner may not write to the community. */
  @Column({ type: 'timestamptz', nullable: true })
  restrictedUntil: Date | null;
}
